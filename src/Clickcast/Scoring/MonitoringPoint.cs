namespace Clickcast.Scoring;

/// <summary>One scoring run's expected vs actual conversion overall, a point of the over-time chart.</summary>
/// <param name="RunId">The scoring run.</param>
/// <param name="ModelVersion">The model that scored it.</param>
/// <param name="From">Start of the outcome window (the data's "now" when it was scored).</param>
/// <param name="Horizon">Length of the outcome window.</param>
/// <param name="ExpectedRate">Mean predicted probability.</param>
/// <param name="ActualRate">Share of the scored clients that did the target within the window.</param>
/// <param name="Clients">Clients scored in the run.</param>
public sealed record MonitoringPoint(string RunId, int ModelVersion, DateTimeOffset From, TimeSpan Horizon, double ExpectedRate, double ActualRate, long Clients)
{
    /// <summary>The overall figures of a stored report.</summary>
    public static MonitoringPoint Of(MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new MonitoringPoint(
            report.RunId,
            report.ModelVersion,
            DateTimeOffset.FromUnixTimeMilliseconds(report.AsOfMicros / 1000),
            report.Horizon,
            report.ExpectedRate,
            report.ActualRate,
            report.Buckets.Sum(b => b.Clients));
    }
}
