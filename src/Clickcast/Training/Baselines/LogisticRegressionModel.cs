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
        double z = Bias;
        for (var i = 0; i < features.TokenIds.Length; i++)
        {
            var id = features.TokenIds[i];
            if (id < TokenWeights.Count)
            {
                z += TokenWeights[id] * features.TokenValues[i];
            }
        }

        for (var j = 0; j < DenseWeights.Count; j++)
        {
            z += DenseWeights[j] * ((features.Dense[j] - DenseMeans[j]) / DenseScales[j]);
        }

        return z;
    }

    /// <summary>The probability of a positive (uncalibrated).</summary>
    public double Probability(BaselineFeatures features) => 1 / (1 + Math.Exp(-Logit(features)));
}
