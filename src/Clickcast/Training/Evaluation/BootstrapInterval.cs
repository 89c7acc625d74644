namespace Clickcast.Training.Evaluation;

/// <summary>A percentile bootstrap interval of a metric.</summary>
/// <param name="Estimate">The metric on the full data.</param>
/// <param name="Lower">Lower percentile of the resampled metric (NaN if no resample gave a number).</param>
/// <param name="Upper">Upper percentile of the resampled metric (NaN if no resample gave a number).</param>
/// <param name="Level">Confidence level.</param>
/// <param name="Resamples">Resamples whose metric was a number; the percentiles are over these.</param>
/// <param name="Undefined">Resamples whose metric was NaN (for example no positive drawn) and were left out.</param>
public readonly record struct BootstrapInterval(double Estimate, double Lower, double Upper, double Level, int Resamples, int Undefined);
