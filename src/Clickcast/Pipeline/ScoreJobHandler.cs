using System.Globalization;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>Score job: the champion scores everyone (first run, new champion) or clients with fresh events; then export.</summary>
public sealed class ScoreJobHandler(Scorer scorer, TenantCatalog catalog, ModelRegistry registry, ModelStore models, PipelineSteps steps) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Score;

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

        using var model = await models.LoadAsync(champion.FolderKey, cancellationToken).ConfigureAwait(false);

        // The run id is the job's: a retried job rewrites the same predictions file instead of adding one.
        var runId = "job-" + job.Id.ToString("D8", CultureInfo.InvariantCulture);
        var report = await Task.Run(() => scorer.ScoreAsync(task.ScoringRequest(job.Tenant), model, champion.Version, runId, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (report.Run is { } run && task.Exports.Count > 0)
        {
            await steps.AfterScoreAsync(job, run.RunId, run.PredictionsKey, cancellationToken).ConfigureAwait(false);
        }

        return JobOutcome.Succeeded(report);
    }
}
