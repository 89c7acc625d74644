using Clickcast.Ingestion;
using Clickcast.Pipeline.Jobs;
using Clickcast.Tenants;
using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>
/// Compaction job: merges every (period, shard) events folder of the tenant's current layout that has more
/// uncompacted files than <see cref="EventCompactionPolicy.Trigger"/> (<see cref="EventCompaction"/>). Killed and
/// retried it ends in the same state; readers never see an event twice or not at all meanwhile. It asks for no
/// sequence update: the events did not change, and an update counts a compacted file it had read every source of as read.
/// </summary>
public sealed class CompactEventsJobHandler(EventCompaction compaction, TenantCatalog catalog, ILogger<CompactEventsJobHandler> logger) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.CompactEvents;

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var tenant = await catalog.GetAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return JobOutcome.FailedPermanently($"tenant '{job.Tenant}' is not defined");
        }

        var counts = await compaction.CompactAsync(job.Tenant, tenant.Shards, cancellationToken: cancellationToken).ConfigureAwait(false);
        Log.EventsCompacted(logger, job.Tenant, counts.Folders, counts.FilesMerged, counts.FilesWritten, counts.Rows, counts.Deleted);
        return counts.Folders == 0 && counts.Deleted == 0
            ? JobOutcome.Ended(counts, RunOutcome.NothingToDo, "no events folder has more uncompacted files than the trigger")
            : JobOutcome.Succeeded(counts);
    }
}
