namespace Clickcast.Training.Evaluation;

/// <summary>One operating point of the precision-recall curve: flag every client whose score is at least <paramref name="Threshold"/>.</summary>
/// <param name="Recall">Share of positives flagged.</param>
/// <param name="Precision">Share of flagged clients that are positive; the first point is scikit-learn's anchor (0, 1).</param>
/// <param name="Threshold">The score cut; the first point's lies just above the highest score, so nothing is flagged.</param>
public readonly record struct PrecisionRecallPoint(double Recall, double Precision, double Threshold);
