using Clickcast.Storage;

namespace Clickcast.Training.Evaluation;

/// <summary>
/// Everything needed to judge a binary model on one evaluation set, as stored in a model folder's metrics.json
/// and drawn by the dashboard. Produced by <see cref="ModelEvaluator.Evaluate"/>; serialize with
/// <see cref="ClickcastJson.Options"/>.
/// </summary>
public sealed record ModelMetrics
{
    /// <summary>Layout version of this record.</summary>
    public int Layout { get; init; } = 1;

    /// <summary>Clients evaluated.</summary>
    public int Count { get; init; }

    /// <summary>Clients who took the target action.</summary>
    public int Positives { get; init; }

    /// <summary>Clients who did not.</summary>
    public int Negatives { get; init; }

    /// <summary>Positives / count: the base rate every lift is relative to.</summary>
    public double PositiveRate { get; init; }

    /// <summary>ROC AUC, ties counting ½ (see <see cref="BinaryMetrics.RocAuc"/>).</summary>
    public double RocAuc { get; init; }

    /// <summary>DeLong confidence interval of <see cref="RocAuc"/>; absent with fewer than two clients of either class.</summary>
    public AucInterval? RocAucInterval { get; init; }

    /// <summary>PR-AUC as step-wise average precision (see <see cref="BinaryMetrics.AveragePrecision"/>); a random model scores the positive rate.</summary>
    public double AveragePrecision { get; init; }

    /// <summary>Mean log loss, natural log, probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    public double LogLoss { get; init; }

    /// <summary>Mean squared error of the probabilities.</summary>
    public double BrierScore { get; init; }

    /// <summary>The AUC in plain words.</summary>
    public QualityVerdict Quality { get; init; }

    /// <summary>Lift and gains at each configured top-k % cut.</summary>
    public IReadOnlyList<LiftPoint> Lift { get; init; } = [];

    /// <summary>Expected calibration error over equal-width bins.</summary>
    public double ExpectedCalibrationError { get; init; }

    /// <summary>The equal-width bins behind <see cref="ExpectedCalibrationError"/>, empty bins left out.</summary>
    public IReadOnlyList<ReliabilityBin> ReliabilityBins { get; init; } = [];

    /// <summary>The decision threshold chosen by the configured rule.</summary>
    public ThresholdChoice Threshold { get; init; }

    /// <summary>Curves for charts.</summary>
    public ModelCurves Curves { get; init; } = new();
}
