namespace Clickcast.Scoring;

/// <summary>What a scoring run did.</summary>
/// <param name="Run">The run (null when there was nothing to score).</param>
/// <param name="ClientsSeen">Clients in the sequence store.</param>
/// <param name="Buckets">Clients per bucket in this run.</param>
/// <param name="Duration">Wall-clock time.</param>
/// <param name="MonitoringReports">Expected-vs-actual reports written by this run for earlier runs whose windows closed.</param>
public sealed record ScoringReport(ScoringRun? Run, long ClientsSeen, IReadOnlyDictionary<ScoreBucket, long> Buckets, TimeSpan Duration, IReadOnlyList<string> MonitoringReports);
