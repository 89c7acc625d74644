using Clickcast.Training.Evaluation;

namespace Clickcast.Training.Baselines;

/// <summary>
/// Fits <see cref="LogisticRegressionModel"/> with mini-batch Adam, positives weighted by the class ratio, and early
/// stopping on validation AUC. Deterministic for a seed.
/// </summary>
public static class LogisticRegressionTrainer
{
    /// <summary>Trains on <paramref name="train"/>, stopping on <paramref name="validation"/>'s AUC measured by <paramref name="auc"/>.</summary>
    internal static LogisticRegressionModel Train(
        FeatureRows train,
        FeatureRows validation,
        int vocabularySize,
        LogisticRegressionSettings options,
        BinaryMetric auc,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(auc);
        if (train.Count == 0)
        {
            throw new ArgumentException("No training examples.", nameof(train));
        }

        var denseCount = train.DenseCount;
        var (means, scales) = Standardization(train, denseCount);
        var positives = 0;
        for (var i = 0; i < train.Count; i++)
        {
            positives += train[i].Label ? 1 : 0;
        }

        var positiveWeight = positives == 0 ? 1.0 : Math.Max(1.0, (train.Count - positives) / (double)positives);

        var weights = new double[vocabularySize + denseCount + 1]; // tokens, dense, bias
        var m = new double[weights.Length];
        var v = new double[weights.Length];
        var gradient = new double[weights.Length];
        var touched = new List<int>();
        var mark = new bool[weights.Length];
        const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
        long step = 0;
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var best = double.NegativeInfinity;
        var bestWeights = (double[])weights.Clone();
        var stale = 0;
        var validationLabels = new bool[validation.Count];
        var scores = new double[validation.Count];
        for (var i = 0; i < validation.Count; i++)
        {
            validationLabels[i] = validation[i].Label;
        }

        for (var epoch = 0; epoch < options.MaxEpochs && stale < options.Patience; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = Math.Min(order.Length, start + options.BatchSize);
                foreach (var i in touched)
                {
                    gradient[i] = 0;
                    mark[i] = false;
                }

                touched.Clear();
                for (var b = start; b < end; b++)
                {
                    var features = train[order[b]];
                    var label = features.Label;
                    var z = Logit(weights, features, means, scales, vocabularySize);
                    var p = 1 / (1 + Math.Exp(-z));
                    var g = (p - (label ? 1 : 0)) * (label ? positiveWeight : 1) / (end - start);
                    for (var k = 0; k < features.TokenIds.Length; k++)
                    {
                        var id = features.TokenIds[k];
                        if (id < vocabularySize)
                        {
                            Add(id, g * features.TokenValues[k]);
                        }
                    }

                    for (var j = 0; j < denseCount; j++)
                    {
                        Add(vocabularySize + j, g * ((features.Dense[j] - means[j]) / scales[j]));
                    }

                    Add(weights.Length - 1, g);
                }

                // Lazy Adam: only weights seen in the batch move, which keeps a sparse bag of tokens cheap.
                step++;
                var correction1 = 1 - Math.Pow(Beta1, step);
                var correction2 = 1 - Math.Pow(Beta2, step);
                foreach (var i in touched)
                {
                    var grad = gradient[i] + (i < weights.Length - 1 ? options.L2 * weights[i] : 0);
                    m[i] = (Beta1 * m[i]) + ((1 - Beta1) * grad);
                    v[i] = (Beta2 * v[i]) + ((1 - Beta2) * grad * grad);
                    weights[i] -= options.LearningRate * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + Epsilon);
                }
            }

            if (validation.Count == 0)
            {
                bestWeights = (double[])weights.Clone();
                continue;
            }

            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = Logit(weights, validation[i], means, scales, vocabularySize);
            }

            var score = auc(scores, validationLabels);
            if (score > best + 1e-6)
            {
                best = score;
                bestWeights = (double[])weights.Clone();
                stale = 0;
            }
            else
            {
                stale++;
            }
        }

        return new LogisticRegressionModel
        {
            TokenWeights = bestWeights.Take(vocabularySize).Select(w => (float)w).ToArray(),
            DenseWeights = bestWeights.Skip(vocabularySize).Take(denseCount).Select(w => (float)w).ToArray(),
            DenseMeans = means.Select(x => (float)x).ToArray(),
            DenseScales = scales.Select(x => (float)x).ToArray(),
            Bias = (float)bestWeights[^1],
        };

        void Add(int index, double value)
        {
            if (!mark[index])
            {
                mark[index] = true;
                touched.Add(index);
            }

            gradient[index] += value;
        }
    }

    private static double Logit(double[] weights, FeatureRow features, double[] means, double[] scales, int vocabularySize)
    {
        var z = weights[^1];
        for (var k = 0; k < features.TokenIds.Length; k++)
        {
            var id = features.TokenIds[k];
            if (id < vocabularySize)
            {
                z += weights[id] * features.TokenValues[k];
            }
        }

        for (var j = 0; j < means.Length; j++)
        {
            z += weights[vocabularySize + j] * ((features.Dense[j] - means[j]) / scales[j]);
        }

        return z;
    }

    private static (double[] Means, double[] Scales) Standardization(FeatureRows train, int count)
    {
        var means = new double[count];
        var scales = new double[count];
        for (var i = 0; i < train.Count; i++)
        {
            var features = train[i];
            for (var j = 0; j < count; j++)
            {
                means[j] += features.Dense[j];
            }
        }

        for (var j = 0; j < count; j++)
        {
            means[j] /= train.Count;
        }

        for (var i = 0; i < train.Count; i++)
        {
            var features = train[i];
            for (var j = 0; j < count; j++)
            {
                var d = features.Dense[j] - means[j];
                scales[j] += d * d;
            }
        }

        for (var j = 0; j < count; j++)
        {
            // A constant feature gets scale 1 so it contributes nothing instead of dividing by zero.
            scales[j] = Math.Sqrt(scales[j] / train.Count) is var s && s > 1e-9 ? s : 1;
        }

        return (means, scales);
    }
}
