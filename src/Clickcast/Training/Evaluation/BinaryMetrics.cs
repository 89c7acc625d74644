namespace Clickcast.Training.Evaluation;

/// <summary>
/// Single metrics of a binary model from (score or probability, label) pairs, all rows weighted equally. Each call
/// validates its input and, for rank metrics, sorts once; to compute everything at once use
/// <see cref="ModelEvaluator.Evaluate"/>, which sorts only once in total. Rank metrics return NaN when a class
/// they need is absent.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>
    /// ROC AUC: the probability that a random positive scores above a random negative, ties counting ½
    /// (Mann-Whitney U / (P·N), equal to the trapezoidal ROC area). O(n log n). NaN without both classes.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        MetricInput.Check(scores, labels, probabilities: false);
        return RankedScores.Rank(scores, labels).RocAuc();
    }

    /// <summary>
    /// PR-AUC as average precision (scikit-learn's definition): AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over distinct score
    /// thresholds from the highest, R₀ = 0; precision is not interpolated. NaN without positives.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        MetricInput.Check(scores, labels, probabilities: false);
        return RankedScores.Rank(scores, labels).AveragePrecision();
    }

    /// <summary>
    /// DeLong's (tie-aware) confidence interval for ROC AUC. Null with fewer than two positives or two negatives.
    /// </summary>
    public static AucInterval? RocAucInterval(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double level = 0.95)
    {
        MetricInput.Check(scores, labels, probabilities: false);
        CheckLevel(level);
        return RankedScores.Rank(scores, labels).DeLongInterval(level);
    }

    /// <summary>
    /// Mean negative log-likelihood −(1/n) Σ [y·ln p + (1−y)·ln(1−p)], natural log, with the probability given
    /// to the actual outcome floored at 1e-15 (p clipped to [1e-15, 1 − 1e-15]) so one confident mistake costs
    /// −ln(1e-15) ≈ 34.54 instead of infinity.
    /// </summary>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        MetricInput.Check(probabilities, labels, probabilities: true);
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            // Clipping the probability of what happened, rather than p itself, keeps the cap exactly -ln(1e-15)
            // on both sides: 1 - (1 - 1e-15) is not 1e-15 in doubles.
            var p = probabilities[i];
            sum -= Math.Log(Math.Max(labels[i] ? p : 1 - p, Probability.Epsilon));
        }

        return sum / probabilities.Length;
    }

    /// <summary>Brier score: mean squared difference between probability and outcome (0 or 1).</summary>
    public static double BrierScore(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        MetricInput.Check(probabilities, labels, probabilities: true);
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var error = probabilities[i] - (labels[i] ? 1 : 0);
            sum += error * error;
        }

        return sum / probabilities.Length;
    }

    /// <summary>
    /// Expected calibration error over <paramref name="bins"/> equal-width bins of [0, 1]:
    /// Σ_b (n_b / n)·|mean predicted_b − observed rate_b|. Bin b holds [b/B, (b+1)/B); the last also holds 1.
    /// </summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int bins = 10)
    {
        MetricInput.Check(probabilities, labels, probabilities: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        return ReliabilityBinning.ExpectedCalibrationError(ReliabilityBinning.EqualWidth(probabilities, labels, bins), probabilities.Length);
    }

    /// <summary>The equal-width reliability bins behind <see cref="ExpectedCalibrationError"/>; empty bins are left out.</summary>
    public static IReadOnlyList<ReliabilityBin> ReliabilityBins(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int bins = 10)
    {
        MetricInput.Check(probabilities, labels, probabilities: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        return ReliabilityBinning.EqualWidth(probabilities, labels, bins);
    }

    /// <summary>Lift and gains when contacting the top <paramref name="percent"/> % by score; see <see cref="LiftPoint"/> for tie handling.</summary>
    public static LiftPoint Lift(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double percent)
    {
        MetricInput.Check(scores, labels, probabilities: false);
        CheckPercent(percent);
        return RankedScores.Rank(scores, labels).Lift(percent);
    }

    /// <summary>Chooses a decision threshold by <paramref name="rule"/>; needs at least one positive.</summary>
    public static ThresholdChoice ChooseThreshold(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, ThresholdRule rule)
    {
        MetricInput.Check(scores, labels, probabilities: false);
        var ranked = RankedScores.Rank(scores, labels);
        if (ranked.Positives == 0)
        {
            throw new ArgumentException("Choosing a threshold needs at least one positive label.", nameof(labels));
        }

        return ranked.Choose(rule);
    }

    internal static void CheckLevel(double level)
    {
        if (!(level is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A confidence level must be in (0, 1).");
        }
    }

    internal static void CheckPercent(double percent)
    {
        if (!(percent is > 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentage of clients must be in (0, 100].");
        }
    }
}
