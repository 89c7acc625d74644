namespace Clickcast.Training.Evaluation;

/// <summary>
/// Intervals that mean what they say: with few positives DeLong's normal approximation is too narrow (2 positives
/// gave 0.977–1.000), so below <see cref="EvaluationOptions.BootstrapBelowPositives"/> the interval is a seeded
/// percentile bootstrap that resamples clients within each class; DeLong otherwise. Each row is one client, so
/// resampling rows resamples clients.
/// </summary>
public static class AucIntervalPolicy
{
    /// <summary>The method for an evaluation set with <paramref name="positives"/> positives.</summary>
    public static AucIntervalMethod MethodFor(int positives, int bootstrapBelowPositives) =>
        positives < bootstrapBelowPositives ? AucIntervalMethod.Bootstrap : AucIntervalMethod.DeLong;

    /// <summary>The AUC interval by the method <see cref="MethodFor"/> picks; null with fewer than two clients of a class.</summary>
    public static AucInterval? Interval(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MetricInput.Check(scores, labels, probabilities: false);
        var ranked = RankedScores.Rank(scores, labels);
        if (MethodFor(ranked.Positives, options.BootstrapBelowPositives) == AucIntervalMethod.DeLong || ranked.Positives < 2 || ranked.Negatives < 2)
        {
            return ranked.DeLongInterval(options.ConfidenceLevel);
        }

        var bootstrap = MetricBootstrap.Interval(
            scores,
            labels,
            BinaryMetrics.RocAuc,
            new BootstrapOptions { Resamples = options.BootstrapResamples, Level = options.ConfidenceLevel, Stratified = true });
        var z = StandardNormal.TwoSided(options.ConfidenceLevel);
        return new AucInterval(bootstrap.Lower, bootstrap.Upper, (bootstrap.Upper - bootstrap.Lower) / (2 * z), options.ConfidenceLevel, AucIntervalMethod.Bootstrap);
    }
}
