namespace Clickcast.Scoring;

/// <summary>The "expected vs actual" view of one scoring run (monitoring/{run}.json).</summary>
/// <param name="RunId">The scoring run.</param>
/// <param name="ModelVersion">The model that scored it.</param>
/// <param name="AsOfMicros">Start of the outcome window.</param>
/// <param name="Horizon">Length of the outcome window.</param>
/// <param name="Buckets">Per bucket.</param>
/// <param name="ExpectedRate">Mean predicted probability overall.</param>
/// <param name="ActualRate">Actual conversion overall.</param>
public sealed record MonitoringReport(string RunId, int ModelVersion, long AsOfMicros, TimeSpan Horizon, IReadOnlyList<BucketOutcome> Buckets, double ExpectedRate, double ActualRate);
