using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Clickcast.Diagnostics;

/// <summary>
/// The pipeline's metrics, on the BCL's <see cref="Meter"/> so the domain needs no telemetry package: a host exports
/// them (the server through OpenTelemetry to Prometheus) by listening to <see cref="MeterName"/>. Every measurement
/// carries a <c>tenant</c> tag (and <c>task</c> where there is one); a host that must not show tenant ids drops them.
/// </summary>
public static class ClickcastMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Clickcast";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Raw files ingested, by outcome (<c>status</c>: Ingested, Quarantined, AlreadyIngested, ...).</summary>
    internal static readonly Counter<long> IngestFiles = Meter.CreateCounter<long>("clickcast.ingest.files", "{file}", "Raw files processed by ingest, by outcome.");

    /// <summary>Rows ingested (kept as events).</summary>
    internal static readonly Counter<long> IngestRows = Meter.CreateCounter<long>("clickcast.ingest.rows", "{row}", "Rows kept as events by ingest.");

    /// <summary>Seconds one scoring run took.</summary>
    internal static readonly Histogram<double> ScoringDuration = Meter.CreateHistogram<double>("clickcast.scoring.duration", "s", "Duration of scoring runs.");

    /// <summary>Clients scored.</summary>
    internal static readonly Counter<long> ScoredClients = Meter.CreateCounter<long>("clickcast.scoring.clients", "{client}", "Clients scored.");

    /// <summary>Export batches delivered.</summary>
    internal static readonly Counter<long> ExportDelivered = Meter.CreateCounter<long>("clickcast.export.delivered", "{batch}", "Export batches a destination accepted.");

    /// <summary>Job attempts that ended, by <c>kind</c> and <c>outcome</c> (Succeeded, Failed, DeadLettered, Released, ...).</summary>
    internal static readonly Counter<long> JobAttempts = Meter.CreateCounter<long>("clickcast.job.attempts", "{attempt}", "Job attempts that ended, by kind and outcome.");

    /// <summary>
    /// Seconds each stage of an API request took, by <c>stage</c> (<see cref="Diagnostics.ApiStage"/>): where a slow real-time
    /// prediction spends its time. Buckets from 0.25 ms to 1 s.
    /// </summary>
    internal static readonly Histogram<double> ApiStageDuration = Meter.CreateHistogram(
        "clickcast.api.stage.duration",
        "s",
        "Duration of the stages of an API request (key check, tenant, champion, stored chain, model call, factors).",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1] });

    /// <summary>The tag keys measurements may carry besides tenant ids: what a host keeps when it drops those.</summary>
    public static IReadOnlyList<string> AnonymousTags { get; } = ["status", "kind", "outcome", "full", "stage"];

    /// <summary>Records how long a stage of an API request took since <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void ApiStage(ApiStage stage, long startedAt) =>
        ApiStageDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("stage", ApiStageNames[(int)stage]));

    private static readonly string[] ApiStageNames = Enum.GetNames<ApiStage>().Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>The tags naming whose data a measurement is about.</summary>
    public static IReadOnlyList<string> TenantTags { get; } = ["tenant", "task"];

    internal static KeyValuePair<string, object?> Tenant(string tenant) => new("tenant", tenant);

    internal static KeyValuePair<string, object?> Task(string task) => new("task", task);

    /// <summary>Export batches that failed past the resilience budget.</summary>
    internal static readonly Counter<long> ExportFailures = Meter.CreateCounter<long>("clickcast.export.failures", "{batch}", "Export batches that failed after retries.");
}
