namespace Clickcast.Training.Evaluation;

/// <summary>
/// Any metric of (score, label) pairs, e.g. <see cref="BinaryMetrics.RocAuc"/>; what <see cref="MetricBootstrap"/>
/// resamples. Return NaN where the metric is undefined for a resample (say, no positives drawn).
/// </summary>
public delegate double BinaryMetric(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels);
