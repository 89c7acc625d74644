using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Clickcast.Pipeline.Jobs;
using Clickcast.Sequences;
using Clickcast.Storage;

namespace Clickcast.Pipeline;

/// <summary>
/// The commit of a sharded sequence update: reads every shard's record, writes the manifest (last, atomically),
/// deletes the records, then leads on to training as an unsharded update does. A retry after a crash anywhere
/// finds the manifest written or not and ends the same way.
/// </summary>
public sealed class SequencesCommitJobHandler(SequenceBuilder builder, SequenceStore sequences, ShardFanIn fanIn, PipelineSteps steps) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.SequencesCommit;

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var started = Stopwatch.GetTimestamp();
        var payload = JsonSerializer.Deserialize<SequencesCommitPayload>(job.Payload, ClickcastJson.Options);
        if (payload is null || !Events.ClientShard.IsValidCount(payload.Shards))
        {
            return JobOutcome.FailedPermanently("the payload names no generation of a valid shard count");
        }

        var prefix = SequencesShardJobHandler.Prefix(job.Tenant, payload.Generation);
        var committed = await sequences.GetManifestAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        var outcome = SequenceCommitOutcome.AlreadyCommitted;
        if ((committed?.Generation ?? 0) < payload.Generation)
        {
            var builds = await fanIn.ReadAllAsync<ShardBuild>(prefix, payload.Shards, cancellationToken).ConfigureAwait(false);
            (outcome, _) = await builder.CommitShardsAsync(job.Tenant, builds, Stopwatch.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
        }
        else if (committed!.Generation > payload.Generation || committed.Shards != payload.Shards)
        {
            outcome = SequenceCommitOutcome.Superseded;
        }

        await fanIn.DeleteAsync(prefix, cancellationToken).ConfigureAwait(false);
        if (outcome == SequenceCommitOutcome.Superseded)
        {
            // Another update won: whatever this one read is folded in by a fresh update, not lost.
            await steps.SequencesAgainAsync(job, payload, cancellationToken).ConfigureAwait(false);
            return JobOutcome.Ended(new { payload.Generation, outcome }, RunOutcome.NothingToDo, "another generation was committed first");
        }

        // Event files that arrived while the shards ran (their sequences job found this generation's keys taken).
        if (await builder.PlanShardsAsync(job.Tenant, payload.Shards, new SequenceOptions { MaxEvents = (await sequences.GetManifestAsync(job.Tenant, cancellationToken).ConfigureAwait(false))!.MaxEvents }, cancellationToken).ConfigureAwait(false) is not null)
        {
            await steps.SequencesAgainAsync(job, payload, cancellationToken).ConfigureAwait(false);
        }

        await steps.AfterSequencesAsync(job, payload.Generation, payload.Then, cancellationToken).ConfigureAwait(false);
        return JobOutcome.Succeeded(new { payload.Generation, payload.Shards, outcome });
    }
}
