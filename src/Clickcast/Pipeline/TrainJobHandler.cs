using System.Text.Json;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>Train job: a challenger if due, judged against the champion; then scoring.</summary>
public sealed class TrainJobHandler(TaskTrainer trainer, TenantCatalog catalog, SequenceStore sequences, ModelRegistry registry, PipelineSteps steps, ILogger<TrainJobHandler> logger) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Train;

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<TrainPayload>(job.Payload, ClickcastJson.Options) ?? new TrainPayload(TrainTrigger.NewData);
        var task = job.Task is null ? null : await catalog.GetTaskAsync(job.Tenant, job.Task, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return JobOutcome.FailedPermanently($"task '{job.Task}' of tenant '{job.Tenant}' is not defined");
        }

        // Training is CPU-bound for minutes: keep it off the worker's async loop.
        var outcome = await Task.Run(() => trainer.TrainAsync(job.Tenant, task, job.Id, payload.Trigger, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (outcome.Trained)
        {
            // The sample, its features and the trainer's buffers are garbage now, but a training job leaves 270-450 MiB
            // committed (10M-100M events), under Jobs:ReleaseMemoryAboveMiB: the worker kept it, and the next job
            // (the first score shard) started at training's RSS. Handed back here, inside the job that grew it.
            var (before, after) = MemoryRelease.Collect();
            Log.TrainingReleased(logger, job.Tenant, task.Id, job.Id, before, after);
        }

        var manifest = await sequences.GetManifestAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        var champion = await registry.GetChampionAsync(job.Tenant, task.Id, cancellationToken).ConfigureAwait(false);
        if (champion is not null)
        {
            await steps.AfterTrainAsync(job, manifest?.Generation ?? 0, champion.Version, cancellationToken).ConfigureAwait(false);
        }

        return JobOutcome.Ended(outcome, outcome.Outcome, outcome.Trained ? null : outcome.Decision);
    }
}
