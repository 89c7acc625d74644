namespace Clickcast.Training.Evaluation;

/// <summary>A decision threshold chosen by a <see cref="ThresholdRule"/>, with what it yields on the evaluation data.</summary>
/// <param name="Rule">The rule that chose it.</param>
/// <param name="Threshold">Clients with a score at least this are flagged; always one of the observed scores.</param>
/// <param name="Precision">Share of flagged clients that are positive.</param>
/// <param name="Recall">Share of positives flagged.</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
/// <param name="FlaggedRate">Share of all clients flagged.</param>
/// <param name="TruePositives">Flagged positives.</param>
/// <param name="FalsePositives">Flagged negatives.</param>
/// <param name="TargetMet">False only when a precision target cannot be reached at any threshold.</param>
public readonly record struct ThresholdChoice(
    ThresholdRule Rule,
    double Threshold,
    double Precision,
    double Recall,
    double F1,
    double FlaggedRate,
    int TruePositives,
    int FalsePositives,
    bool TargetMet);
