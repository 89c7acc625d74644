using System.Globalization;
using System.Text.Json;
using Clickcast.Ingestion;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Storage;

namespace Clickcast.Pipeline;

/// <summary>
/// Gives a tenant's quarantined files another try (after a mapping fix, or a reader fix): one ingest job per file
/// whose current version is quarantined. A file that now ingests leaves the quarantine.
/// </summary>
public sealed class QuarantineRetry(Ingestor ingestor, IObjectStore store, JobQueue queue, TimeProvider timeProvider)
{
    /// <summary>Enqueues the retries; returns the ingest jobs, one per quarantined file.</summary>
    public async Task<IReadOnlyList<Job>> EnqueueAsync(string tenant, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        var request = timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var jobs = new List<Job>();
        foreach (var key in await ingestor.ListQuarantinedAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            if (await store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false) is not { } info)
            {
                continue;
            }

            var payload = JsonSerializer.Serialize(new ObjectCreated(key, info.ETag, info.Size, info.LastModified, IngestRedo.Quarantined), ClickcastJson.Options);
            var result = await queue.EnqueueAsync(
                new JobRequest(tenant, JobKind.Ingest) { Payload = payload, IdempotencyKey = $"retry-quarantined-{request}|{key}|{info.ETag}" },
                cancellationToken).ConfigureAwait(false);
            jobs.Add(result.Job);
        }

        return jobs;
    }
}
