namespace Clickcast.Training.Evaluation;

/// <summary>A bin of a reliability diagram: how often clients predicted at about this probability were positive.</summary>
/// <param name="Lower">Lower edge of the bin (equal-width bins) or lowest probability in it (quantile bins).</param>
/// <param name="Upper">Upper edge of the bin (equal-width bins) or highest probability in it (quantile bins).</param>
/// <param name="MeanPredicted">Mean predicted probability in the bin.</param>
/// <param name="ObservedRate">Share of positives in the bin.</param>
/// <param name="Count">Clients in the bin (never zero: empty bins are left out).</param>
public readonly record struct ReliabilityBin(double Lower, double Upper, double MeanPredicted, double ObservedRate, int Count);
