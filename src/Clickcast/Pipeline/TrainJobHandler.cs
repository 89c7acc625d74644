using System.Text.Json;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>Train job: a challenger if due, judged against the champion; then scoring.</summary>
public sealed class TrainJobHandler(TaskTrainer trainer, TenantCatalog catalog, SequenceStore sequences, ModelRegistry registry, PipelineSteps steps) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Train;

    /// <summary>Hands the managed heap back to the operating system (<see cref="MemoryRelease.Collect"/>; replaced in tests).</summary>
    internal Func<(long Before, long After)> Release { get; init; } = MemoryRelease.Collect;

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

        // The sample and its features are garbage now: hand them back here rather than leave it to the worker's growth
        // rule, which a training's heap no longer passes at 100M events (its chains and rows are stored narrow), so the
        // next job (scoring) would start from training's heap (docs/jobs.md).
        Release();

        var manifest = await sequences.GetManifestAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        var champion = await registry.GetChampionAsync(job.Tenant, task.Id, cancellationToken).ConfigureAwait(false);
        if (champion is not null)
        {
            await steps.AfterTrainAsync(job, manifest?.Generation ?? 0, champion.Version, cancellationToken).ConfigureAwait(false);
        }

        return JobOutcome.Ended(outcome, outcome.Outcome, outcome.Trained ? null : outcome.Decision);
    }
}
