using System.ComponentModel.DataAnnotations;

namespace Clickcast.Server.Hosting;

/// <summary>The control plane's settings (section <c>Server</c>): workers, the admin key, upload and rate limits.</summary>
public sealed class ServerOptions : IValidatableObject
{
    /// <summary>Runs the pipeline's workers (sensing, schedules, the job queue) in the server process.</summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>
    /// An admin key to accept (<c>ck_</c> and at least 32 letters or digits; env <c>Server__AdminKey</c> or
    /// <c>CLICKCAST_ADMIN_KEY</c>). Without it, the first start generates one and hands it to the host to print once.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>Largest clickstream file one upload may carry, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// API requests one tenant (all its keys together), the operator's keys together, or one address without a key,
    /// may make per <see cref="RateLimitWindow"/>.
    /// </summary>
    [Range(1, 10_000_000)]
    public int RequestsPerWindow { get; set; } = 1200;

    /// <summary>Uploads one tenant (all its keys together) may make per <see cref="RateLimitWindow"/>.</summary>
    [Range(1, 10_000_000)]
    public int UploadsPerWindow { get; set; } = 120;

    /// <summary>Real-time scoring calls (<c>POST …/predict</c>) one tenant may make per <see cref="RateLimitWindow"/>: a budget of its own, apart from <see cref="RequestsPerWindow"/>.</summary>
    [Range(1, 100_000_000)]
    public int PredictionsPerWindow { get; set; } = 60_000;

    /// <summary>Active (not revoked) keys one tenant may hold, whatever their scope; issuing one more is 409.</summary>
    [Range(1, 10_000)]
    public int MaxKeysPerTenant { get; set; } = 20;

    /// <summary>The window the rate limits count in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long <c>/health/ready</c> reuses its last answer: the probe (a one-row query and one object-store
    /// existence check) runs at most once per this, however often it is called.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReadinessCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Labels job, ingest, scoring, export and upload metrics with the tenant (and task) id, and adds the per-task
    /// gauges. Off by default, since <c>/metrics</c> is anonymous; when on, <c>/metrics</c> needs an admin key
    /// (<c>Authorization: Bearer ck_…</c>, Prometheus' <c>authorization</c>).
    /// </summary>
    public bool MetricsTenantLabels { get; set; }

    /// <summary>How often the job counts behind the metrics are read from the database.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MetricsRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the per-task gauges (champion AUC, freshness, last export) are read, with tenant labels on.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TaskMetricsRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(AdminKey) && !global::Clickcast.Tenants.Keys.ApiKeyStore.IsWellFormed(AdminKey))
        {
            yield return new ValidationResult("Server:AdminKey must start with 'ck_' followed by at least 32 letters or digits (generate one with 'clickcast keys generate').", [nameof(AdminKey)]);
        }
    }
}
