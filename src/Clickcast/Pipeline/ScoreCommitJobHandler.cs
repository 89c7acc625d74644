using System.Text.Json;
using Clickcast.Pipeline.Jobs;
using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>
/// The commit of a sharded scoring run: merges the shards' records, writes the scoring state (the commit point),
/// then enqueues one export per shard and deletes the fan-in records. A retry after the state was written only
/// redoes the follow-ups (idempotent keys) and the cleanup.
/// </summary>
public sealed class ScoreCommitJobHandler(Scorer scorer, TenantCatalog catalog, ShardFanIn fanIn, PipelineSteps steps, IObjectStore store) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.ScoreCommit;

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var plan = (JsonSerializer.Deserialize<ScoreCommitPayload>(job.Payload, ClickcastJson.Options)
            ?? throw new InvalidDataException("The score commit job has no plan in its payload.")).Plan;
        var task = job.Task is null ? null : await catalog.GetTaskAsync(job.Tenant, job.Task, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return JobOutcome.FailedPermanently($"task '{job.Task}' of tenant '{job.Tenant}' is not defined");
        }

        var prefix = ScoreJobHandler.FanInPrefix(job.Tenant, task.Id, plan.RunId);
        var state = await scorer.GetStateAsync(job.Tenant, task.Id, cancellationToken).ConfigureAwait(false);
        var run = state?.Runs.FirstOrDefault(r => r.RunId == plan.RunId);
        object result = new { runId = plan.RunId, alreadyCommitted = true };
        if (run is null)
        {
            var shards = await fanIn.ReadAllAsync<ShardScore>(prefix, plan.Shards, cancellationToken).ConfigureAwait(false);
            var report = await Task.Run(() => scorer.CommitShardsAsync(task.ScoringRequest(job.Tenant), plan, shards, cancellationToken), cancellationToken).ConfigureAwait(false);
            (run, result) = (report.Run, report);
        }

        if (run is not null && task.Exports.Count > 0)
        {
            await steps.AfterScoreShardsAsync(job, plan.RunId, run.PredictionsKey, plan.Shards, cancellationToken).ConfigureAwait(false);
        }

        // The plan goes first, then the waiting marker is looked for (see ScoreJobHandler): a Score job that found this run
        // in flight ended without scoring, so its newer sequences or champion get a run of their own now.
        await store.DeleteAsync(ScoreJobHandler.PlanKey(job.Tenant, task.Id, plan.RunId), cancellationToken).ConfigureAwait(false);
        if (await store.GetInfoAsync(ScoreJobHandler.WaitingKey(job.Tenant, task.Id, plan.RunId), cancellationToken).ConfigureAwait(false) is not null)
        {
            await steps.EnqueueAsync(job.Tenant, task.Id, JobKind.Score, new ScorePayload("a run was asked for while " + plan.RunId + " was being scored"), "score|" + task.Id + "|after-" + plan.RunId, job.Id, cancellationToken).ConfigureAwait(false);
        }

        await fanIn.DeleteAsync(prefix, cancellationToken).ConfigureAwait(false);
        return JobOutcome.Succeeded(result);
    }
}
