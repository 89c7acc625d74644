namespace Clickcast.Training.Baselines;

/// <summary>A trained logistic regression over <see cref="BaselineFeatures"/>: sparse token weights plus standardized dense features.</summary>
public sealed record LogisticRegressionModel
{
    /// <summary>One weight per vocabulary id.</summary>
    public required IReadOnlyList<float> TokenWeights { get; init; }

    /// <summary>One weight per dense feature.</summary>
    public required IReadOnlyList<float> DenseWeights { get; init; }

    /// <summary>Training means of the dense features.</summary>
    public required IReadOnlyList<float> DenseMeans { get; init; }

    /// <summary>Training standard deviations of the dense features.</summary>
    public required IReadOnlyList<float> DenseScales { get; init; }

    /// <summary>
    /// The aggregate columns after the legacy dense ones, and the hashed pairs after the vocabulary's ids; null in a
    /// model saved before event types were features (it scores on the legacy features, as it was trained).
    /// </summary>
    public AggregateLayout? Layout { get; init; }

    /// <summary>Intercept.</summary>
    public float Bias { get; init; }

    /// <summary>The log-odds of a positive.</summary>
    public double Logit(BaselineFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Logit(features.TokenIds, features.TokenValues, features.Dense);
    }

    /// <summary>The probability of a positive (uncalibrated).</summary>
    public double Probability(BaselineFeatures features) => 1 / (1 + Math.Exp(-Logit(features)));

    /// <summary>The probability of a positive (uncalibrated) of the features <paramref name="buffer"/> holds.</summary>
    internal double Probability(BaselineFeatureBuffer buffer) => 1 / (1 + Math.Exp(-Logit(buffer.TokenIds, buffer.TokenValues, buffer.Dense)));

    private double Logit(ReadOnlySpan<int> tokenIds, ReadOnlySpan<float> tokenValues, ReadOnlySpan<float> dense)
    {
        double z = Bias;
        for (var i = 0; i < tokenIds.Length; i++)
        {
            var id = tokenIds[i];
            if (id < TokenWeights.Count)
            {
                z += TokenWeights[id] * tokenValues[i];
            }
        }

        for (var j = 0; j < DenseWeights.Count; j++)
        {
            z += DenseWeights[j] * ((dense[j] - DenseMeans[j]) / DenseScales[j]);
        }

        return z;
    }
}
