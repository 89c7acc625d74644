using System.Globalization;
using System.Text.Json;
using Clickcast.Diagnostics;
using Clickcast.Pipeline.Jobs;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>
/// One shard of a sharded sequence update: builds the shard on top of the committed generation, records the result
/// with <see cref="ShardFanIn"/>, and, when it completes the set, enqueues the commit (keyed by generation, so once).
/// </summary>
public sealed class SequencesShardJobHandler(SequenceBuilder builder, SequenceStore sequences, TenantCatalog catalog, ShardFanIn fanIn, PipelineSteps steps) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.SequencesShard;

    /// <summary>The fan-in prefix of a generation's shard records.</summary>
    public static string Prefix(string tenant, long generation) => ShardFanIn.Prefix(tenant, string.Create(CultureInfo.InvariantCulture, $"sequences/g{generation:D8}"));

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<SequencesShardPayload>(job.Payload, ClickcastJson.Options);
        if (payload is null || !Events.ClientShard.IsValidCount(payload.Shards) || payload.Shard < 0 || payload.Shard >= payload.Shards)
        {
            return JobOutcome.FailedPermanently("the payload names no shard of a valid shard count");
        }

        var tenant = await catalog.GetAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return JobOutcome.FailedPermanently($"tenant '{job.Tenant}' is not defined");
        }

        // Built on the generation before this one, or not at all: a later generation is committed already.
        var committed = await sequences.GetManifestAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        if ((committed?.Generation ?? 0) != payload.Generation - 1)
        {
            return JobOutcome.Ended(new { payload.Generation, committed = committed?.Generation }, RunOutcome.NothingToDo, "the generation it builds on is no longer the committed one");
        }

        var build = await builder.BuildShardAsync(job.Tenant, committed, payload.Generation, payload.Shard, payload.Shards, tenant.Sequences, cancellationToken: cancellationToken).ConfigureAwait(false);
        var prefix = Prefix(job.Tenant, payload.Generation);
        var complete = await fanIn.CompleteAsync(prefix, payload.Shard, payload.Shards, build, cancellationToken).ConfigureAwait(false);
        FaultInjection.Checkpoint(FaultInjection.SequencesAfterShardRecord);
        if (complete)
        {
            await steps.AfterSequencesShardsAsync(job, payload, cancellationToken).ConfigureAwait(false);
        }

        return JobOutcome.Succeeded(new { build.Shard, build.Generation, build.Mode, build.FilesRead, build.EventsRead, build.Clients, completesTheSet = complete });
    }
}
