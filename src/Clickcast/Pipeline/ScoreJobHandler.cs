using System.Globalization;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>
/// Score job: the champion scores everyone (first run, new champion) or clients with fresh events; then export. A
/// tenant with <c>Shards</c> = N &gt; 1 is scored by N <see cref="JobKind.ScoreShard"/> jobs and a
/// <see cref="JobKind.ScoreCommit"/>: this job only plans the run and fans out.
/// </summary>
public sealed class ScoreJobHandler(Scorer scorer, TenantCatalog catalog, ModelRegistry registry, ModelStore models, PipelineSteps steps, IObjectStore store) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Score;

    /// <summary>The fan-in prefix of a sharded run (its shards' records and its plan).</summary>
    public static string FanInPrefix(string tenant, string task, string runId) => ShardFanIn.Prefix(tenant, "score/" + task + "/" + runId);

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = job.Task is null ? null : await catalog.GetTaskAsync(job.Tenant, job.Task, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return JobOutcome.FailedPermanently($"task '{job.Task}' of tenant '{job.Tenant}' is not defined");
        }

        var champion = await registry.GetChampionAsync(job.Tenant, task.Id, cancellationToken).ConfigureAwait(false);
        if (champion is null)
        {
            return JobOutcome.Ended(new { skipped = "no champion model yet" }, RunOutcome.NeedsData, "no champion model yet: nothing can score until a model is trained and promoted");
        }

        // The run id is the job's: a retried job rewrites the same predictions file instead of adding one.
        var runId = "job-" + job.Id.ToString("D8", CultureInfo.InvariantCulture);
        var shards = (await catalog.GetAsync(job.Tenant, cancellationToken).ConfigureAwait(false))?.Shards ?? 1;
        if (shards > 1)
        {
            return await FanOutAsync(job, task, champion.Version, runId, shards, cancellationToken).ConfigureAwait(false);
        }

        using var model = await models.LoadAsync(champion.FolderKey, cancellationToken).ConfigureAwait(false);
        var report = await Task.Run(() => scorer.ScoreAsync(task.ScoringRequest(job.Tenant), model, champion.Version, runId, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (report.Run is { } run && task.Exports.Count > 0)
        {
            await steps.AfterScoreAsync(job, run.RunId, run.PredictionsKey, cancellationToken).ConfigureAwait(false);
        }

        return JobOutcome.Succeeded(report);
    }

    /// <summary>The marker a Score job leaves in an uncommitted run's fan-in folder: that run's commit then queues a new run.</summary>
    public static string WaitingKey(string tenant, string task, string runId) => FanInPrefix(tenant, task, runId) + "waiting.json";

    /// <summary>The plan of a run's fan-in folder: written first, deleted first by the commit.</summary>
    public static string PlanKey(string tenant, string task, string runId) => FanInPrefix(tenant, task, runId) + "plan.json";

    /// <summary>
    /// Another sharded run of the task that is planned but not committed, or null. Two runs at once would score the same
    /// clients and export them twice, so this job leaves a waiting marker in that run's folder and ends: the commit
    /// deletes its plan first and then looks for the marker, and this job looks for the plan after writing the marker,
    /// so whichever order they run in, either this job sees the plan gone and plans itself, or the commit sees the marker.
    /// </summary>
    private async Task<string?> InFlightRunAsync(string tenant, string task, string runId, CancellationToken cancellationToken)
    {
        var root = ShardFanIn.Prefix(tenant, "score/" + task);
        var runs = new List<string>();
        await foreach (var item in store.ListAsync(root, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (item.Key.EndsWith("/plan.json", StringComparison.Ordinal) && item.Key[root.Length..^"/plan.json".Length] is { } other && other != runId && !other.Contains('/', StringComparison.Ordinal))
            {
                runs.Add(other);
            }
        }

        foreach (var other in runs)
        {
            await store.PutJsonAsync(WaitingKey(tenant, task, other), new { waiting = runId }, ClickcastJson.Options, cancellationToken).ConfigureAwait(false);
            if (await store.GetInfoAsync(PlanKey(tenant, task, other), cancellationToken).ConfigureAwait(false) is not null)
            {
                return other;
            }
        }

        return null;
    }

    /// <summary>Plans the run once (a retry reuses the saved plan, so every shard scores the same way) and enqueues a job per shard.</summary>
    private async Task<JobOutcome> FanOutAsync(Job job, TaskDefinition task, int version, string runId, int shards, CancellationToken cancellationToken)
    {
        var planKey = PlanKey(job.Tenant, task.Id, runId);
        var plan = await store.TryReadJsonAsync<ScoringPlan>(planKey, ClickcastJson.Options, cancellationToken).ConfigureAwait(false);
        if (plan is null && await InFlightRunAsync(job.Tenant, task.Id, runId, cancellationToken).ConfigureAwait(false) is { } inFlight)
        {
            return JobOutcome.Ended(new { runId, waitingFor = inFlight }, RunOutcome.NothingToDo, $"sharded run {inFlight} of this task is not committed yet; its commit queues the next run");
        }

        if (plan is null)
        {
            plan = await scorer.PlanShardsAsync(task.ScoringRequest(job.Tenant), version, runId, shards, cancellationToken).ConfigureAwait(false);
            if (plan is null)
            {
                return JobOutcome.Ended(new { runId, shards, scored = false }, RunOutcome.NothingToDo, "nothing to score: no sequences yet, or no fresh events since the last run with this champion");
            }

            await store.PutJsonAsync(planKey, plan, ClickcastJson.Options, cancellationToken).ConfigureAwait(false);
        }

        for (var shard = 0; shard < plan.Shards; shard++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"score-shard|{task.Id}|{runId}|s{shard:D4}");
            await steps.EnqueueAsync(job.Tenant, task.Id, JobKind.ScoreShard, new ScoreShardPayload(plan, shard), key, job.Id, cancellationToken).ConfigureAwait(false);
        }

        return JobOutcome.Succeeded(new { runId, plan.Shards, plan.Full, plan.Generation });
    }
}
