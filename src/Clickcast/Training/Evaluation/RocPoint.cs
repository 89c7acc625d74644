namespace Clickcast.Training.Evaluation;

/// <summary>One operating point of the ROC curve: flag every client whose score is at least <paramref name="Threshold"/>.</summary>
/// <param name="FalsePositiveRate">Share of negatives flagged.</param>
/// <param name="TruePositiveRate">Share of positives flagged (recall).</param>
/// <param name="Threshold">The score cut; the first point's lies just above the highest score, so nothing is flagged.</param>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
