using System.Text.Json;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>
/// One shard of a sharded scoring run: scores the shard's clients into its part, records the shard's counts in the
/// run's fan-in, and the shard that completes the set enqueues the commit.
/// </summary>
public sealed class ScoreShardJobHandler(Scorer scorer, TenantCatalog catalog, ModelRegistry registry, ModelStore models, ShardFanIn fanIn, PipelineSteps steps) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.ScoreShard;

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<ScoreShardPayload>(job.Payload, ClickcastJson.Options)
            ?? throw new InvalidDataException("The score shard job has no plan in its payload.");
        var plan = payload.Plan;
        var task = job.Task is null ? null : await catalog.GetTaskAsync(job.Tenant, job.Task, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return JobOutcome.FailedPermanently($"task '{job.Task}' of tenant '{job.Tenant}' is not defined");
        }

        var version = await registry.GetAsync(job.Tenant, task.Id, plan.ModelVersion, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return JobOutcome.FailedPermanently($"model v{plan.ModelVersion} of {job.Tenant}/{task.Id} is gone");
        }

        using var model = await models.LoadAsync(version.FolderKey, cancellationToken).ConfigureAwait(false);
        var result = await Task.Run(() => scorer.ScoreShardAsync(task.ScoringRequest(job.Tenant), model, plan, payload.Shard, cancellationToken), cancellationToken).ConfigureAwait(false);
        var prefix = ScoreJobHandler.FanInPrefix(job.Tenant, task.Id, plan.RunId);
        if (await fanIn.CompleteAsync(prefix, payload.Shard, plan.Shards, result, cancellationToken).ConfigureAwait(false))
        {
            await steps.EnqueueAsync(job.Tenant, task.Id, JobKind.ScoreCommit, new ScoreCommitPayload(plan), "score-commit|" + task.Id + "|" + plan.RunId, job.Id, cancellationToken).ConfigureAwait(false);
        }

        return JobOutcome.Succeeded(result);
    }
}
