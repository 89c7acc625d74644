using System.Text.Json;
using Clickcast.Ingestion;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>
/// Re-shard job: rewrites every events file into the new layout, then changes the tenant's shard count, then deletes
/// the old layout, then asks for a sequence update (every events key changed, so it is a full rebuild). Killed at any
/// point and retried, it ends as if it had not been killed: before the count changes the old files are all there and
/// the rewrite is simply done again (same names); after, only groups missing from the new layout (ingested late, under
/// the old count) are rewritten before the old files go.
/// </summary>
public sealed class ReshardJobHandler(EventReshard reshard, TenantCatalog catalog, PipelineSteps steps, ILogger<ReshardJobHandler> logger) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Reshard;

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<ReshardPayload>(job.Payload, ClickcastJson.Options)
            ?? throw new InvalidDataException("The re-shard job has no shard counts in its payload.");
        var tenant = await catalog.GetAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return JobOutcome.FailedPermanently($"tenant '{job.Tenant}' is not defined");
        }

        if (tenant.Shards != payload.From && tenant.Shards != payload.To)
        {
            return JobOutcome.FailedPermanently($"the tenant has {tenant.Shards} shard(s), neither {payload.From} nor {payload.To}: re-shard again from its current count");
        }

        ReshardCounts rewritten;
        if (tenant.Shards == payload.From)
        {
            rewritten = await reshard.RewriteAsync(job.Tenant, payload.From, payload.To, onlyMissing: false, cancellationToken).ConfigureAwait(false);
            Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.ReshardBeforeCount);
            tenant.Shards = payload.To;
            await catalog.SaveReshardedAsync(tenant, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            rewritten = new ReshardCounts(0, 0, 0, 0);
        }

        // Files an ingest wrote under the old count while the rewrite ran: the ingest job redoes its file too, same names.
        var late = await reshard.RewriteAsync(job.Tenant, payload.From, payload.To, onlyMissing: true, cancellationToken).ConfigureAwait(false);
        var deleted = await reshard.DeleteLayoutAsync(job.Tenant, payload.From, cancellationToken).ConfigureAwait(false);
        Log.Resharded(logger, job.Tenant, payload.From, payload.To, rewritten.Rows + late.Rows, rewritten.FilesWritten + late.FilesWritten, deleted);
        await steps.AfterIngestAsync(job, cancellationToken).ConfigureAwait(false);
        return JobOutcome.Succeeded(new { payload.From, payload.To, Rewritten = rewritten, Late = late, Deleted = deleted });
    }
}
