namespace Clickcast.Training.Evaluation;

/// <summary>Curves for charts, each thinned to at most <see cref="EvaluationOptions.MaxCurvePoints"/> real operating points with both endpoints kept.</summary>
public sealed record ModelCurves
{
    /// <summary>ROC curve from (0, 0) to (1, 1), thresholds descending.</summary>
    public IReadOnlyList<RocPoint> Roc { get; init; } = [];

    /// <summary>Precision-recall curve from the anchor (0, 1) to (1, positive rate), thresholds descending.</summary>
    public IReadOnlyList<PrecisionRecallPoint> PrecisionRecall { get; init; } = [];

    /// <summary>Cumulative gains from (0, 0) to (1, 1).</summary>
    public IReadOnlyList<GainsPoint> Gains { get; init; } = [];

    /// <summary>Calibration curve over equal-count bins of predicted probability, lowest first.</summary>
    public IReadOnlyList<ReliabilityBin> Calibration { get; init; } = [];
}
