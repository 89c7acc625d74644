namespace Clickcast.Training.Evaluation;

/// <summary>
/// AUC(a) − AUC(b) of two models scored on the same clients (<see cref="PairedDeLong"/>), with its confidence
/// interval and two-sided p-value. Interval, error and p-value are absent with fewer than two clients of either class.
/// </summary>
/// <param name="Difference">AUC(a) − AUC(b).</param>
/// <param name="StandardError">DeLong's standard error of the difference (correlation between the models counted).</param>
/// <param name="Lower">Lower bound: difference − z·SE.</param>
/// <param name="Upper">Upper bound: difference + z·SE.</param>
/// <param name="PValue">Two-sided p-value of "the AUCs are equal": 2·(1 − Φ(|difference| / SE)).</param>
/// <param name="Level">Confidence level of the interval, e.g. 0.95.</param>
public readonly record struct AucDifference(double Difference, double? StandardError, double? Lower, double? Upper, double? PValue, double Level)
{
    /// <summary>The interval and p-value of a paired difference; a NaN error (too few clients) leaves them out.</summary>
    public static AucDifference Of(double difference, double standardError, double level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(level, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, 1);
        if (double.IsNaN(standardError) || double.IsNaN(difference))
        {
            return new AucDifference(difference, null, null, null, null, level);
        }

        var z = StandardNormal.TwoSided(level);
        var half = z * standardError;

        // No spread at all (perfectly separated or identical rankings): any non-zero difference is certain.
        var p = standardError > 0
            ? 2 * (1 - StandardNormal.Cdf(Math.Abs(difference) / standardError))
            : difference == 0 ? 1 : 0;
        return new AucDifference(difference, standardError, difference - half, difference + half, Math.Clamp(p, 0, 1), level);
    }

    /// <summary>The paired DeLong comparison of <paramref name="a"/> against <paramref name="b"/> on the same clients.</summary>
    public static AucDifference Compare(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<bool> labels, double level)
    {
        var (difference, error) = PairedDeLong.Compare(a, b, labels);
        return Of(difference, error, level);
    }
}
