namespace Clickcast.Scoring;

/// <summary>A task's current scores at a glance: how they are distributed, the buckets, expected vs actual.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Task">The task.</param>
/// <param name="Clients">Clients with a current score.</param>
/// <param name="ModelVersions">Model versions behind the current scores (one after a full run).</param>
/// <param name="ScoredAt">When the newest score was computed.</param>
/// <param name="MeanProbability">Mean predicted probability.</param>
/// <param name="Histogram">Clients per equal-width probability bin, lowest first.</param>
/// <param name="Buckets">Per bucket, high first.</param>
/// <param name="Runs">Scoring runs, newest first.</param>
/// <param name="Monitoring">The newest expected-vs-actual report (a run whose outcome window has closed), if any.</param>
public sealed record PredictionSummary(
    string Tenant,
    string Task,
    long Clients,
    IReadOnlyList<int> ModelVersions,
    DateTimeOffset? ScoredAt,
    double MeanProbability,
    IReadOnlyList<HistogramBin> Histogram,
    IReadOnlyList<BucketSummary> Buckets,
    IReadOnlyList<ScoringRun> Runs,
    MonitoringReport? Monitoring);

/// <summary>Clients whose probability is in [<paramref name="From"/>, <paramref name="To"/>) (the last bin is closed).</summary>
/// <param name="From">Lower bound.</param>
/// <param name="To">Upper bound.</param>
/// <param name="Clients">Clients in the bin.</param>
public sealed record HistogramBin(double From, double To, long Clients);

/// <summary>One bucket of the current scores.</summary>
/// <param name="Bucket">high, medium or low.</param>
/// <param name="Clients">Clients in it.</param>
/// <param name="MeanProbability">Their mean probability.</param>
/// <param name="MinProbability">The lowest probability in it.</param>
/// <param name="AboveThreshold">How many pass the decision threshold.</param>
public sealed record BucketSummary(string Bucket, long Clients, double MeanProbability, double MinProbability, long AboveThreshold);
