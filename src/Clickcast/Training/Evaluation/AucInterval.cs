namespace Clickcast.Training.Evaluation;

/// <summary>
/// A confidence interval for ROC AUC from DeLong's variance: AUC ± z·SE, clipped to [0, 1]. With perfectly
/// separated classes the variance is 0 and the interval collapses to the point.
/// </summary>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="StandardError">DeLong's standard error of the AUC.</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="Method">
/// How it was computed (<see cref="AucIntervalPolicy"/>). For a bootstrap interval the standard error is the
/// half-width divided by z, the normal-equivalent spread.
/// </param>
public readonly record struct AucInterval(double Lower, double Upper, double StandardError, double Level, AucIntervalMethod Method = AucIntervalMethod.DeLong);
