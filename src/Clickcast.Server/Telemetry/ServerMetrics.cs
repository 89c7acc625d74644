using System.Diagnostics.Metrics;
using Clickcast.Pipeline.Jobs;
using Clickcast.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Telemetry;

/// <summary>
/// The server's own metrics (meter <c>Clickcast.Server</c>): jobs by state and the queue's depth, read from the
/// database by <see cref="JobCountsRefresher"/> so a scrape never waits on it, and uploads. Uploads carry a
/// <c>tenant</c> label only when <see cref="ServerOptions.MetricsTenantLabels"/> is on (then <c>/metrics</c> needs an
/// admin key): tenant ids and volumes are not for anonymous eyes. With those labels on it also has per-task gauges
/// (<see cref="TaskGauges"/>, read by <see cref="TaskGaugesRefresher"/>).
/// </summary>
public sealed class ServerMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Clickcast.Server";

    private readonly Counter<long> _uploads;
    private readonly Counter<long> _uploadBytes;
    private IReadOnlyDictionary<JobStatus, long> _byStatus = new Dictionary<JobStatus, long>();
    private readonly bool _tenantLabels;
    private long _due;
    private IReadOnlyList<TaskGauges> _tasks = [];

    public ServerMetrics(IMeterFactory meters, IOptions<ServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        _tenantLabels = options.Value.MetricsTenantLabels;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("clickcast.jobs", () => _byStatus.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("state", p.Key.ToString()))), "{job}", "Jobs in the queue's history, by state.");
        meter.CreateObservableGauge("clickcast.queue.depth", () => _due, "{job}", "Queued jobs that are due now.");
        if (_tenantLabels)
        {
            meter.CreateObservableGauge("clickcast.task.champion.auc", () => Gauge(t => t.ChampionAuc), null, "The champion's test AUC, per task.");
            meter.CreateObservableGauge("clickcast.task.scored.clients", () => Gauge(t => t.ScoredClients), "{client}", "Clients with a current score, per task.");
            meter.CreateObservableGauge("clickcast.task.data.age", () => Gauge(t => t.DataAge?.TotalSeconds), "s", "How old the newest data behind the current scores is, per task.");
            meter.CreateObservableGauge("clickcast.task.last_scoring.time", () => Gauge(t => t.LastScoredAt?.ToUnixTimeSeconds()), "s", "When the task was last scored (Unix time).");
            meter.CreateObservableGauge("clickcast.task.last_export.time", () => Gauge(t => t.LastExportedAt?.ToUnixTimeSeconds()), "s", "When an export of the task was last delivered in full (Unix time).");
            meter.CreateObservableGauge("clickcast.task.score.psi", () => Gauge(t => t.ScorePsi), null, "Drift of the current scores from the champion's first scoring (population stability index), per task.");
        }

        _uploads = meter.CreateCounter<long>("clickcast.uploads", "{file}", "Clickstream files uploaded through the API.");
        _uploadBytes = meter.CreateCounter<long>("clickcast.upload.bytes", "By", "Bytes uploaded through the API.");
    }

    internal void Uploaded(string tenant, long bytes)
    {
        if (_tenantLabels)
        {
            var tag = new KeyValuePair<string, object?>("tenant", tenant);
            _uploads.Add(1, tag);
            _uploadBytes.Add(bytes, tag);
        }
        else
        {
            _uploads.Add(1);
            _uploadBytes.Add(bytes);
        }
    }

    internal void SetTaskGauges(IReadOnlyList<TaskGauges> tasks) => _tasks = tasks;

    private IEnumerable<Measurement<double>> Gauge(Func<TaskGauges, double?> value) =>
        from task in _tasks
        let measured = value(task)
        where measured is not null
        select new Measurement<double>(measured.Value, new KeyValuePair<string, object?>("tenant", task.Tenant), new KeyValuePair<string, object?>("task", task.Task));

    internal void SetJobCounts(IReadOnlyDictionary<JobStatus, long> byStatus, long due)
    {
        _byStatus = byStatus;
        Interlocked.Exchange(ref _due, due);
    }
}
