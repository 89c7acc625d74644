using System.Globalization;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Training;
using Clickcast.Training.Memory;
using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>
/// Retraining with a champion and challengers: a challenger trains on current data (warm-started from the
/// champion), both are scored on the SAME current test clients, and <see cref="ChampionPolicy"/> decides whether it
/// trains at all and whether it replaces the champion; the registry records the decision in one transaction.
/// Every version is kept.
/// </summary>
public sealed class TaskTrainer
{
    private readonly SequenceStore _sequences;
    private readonly ModelTrainer _trainer;
    private readonly ModelRegistry _registry;
    private readonly ModelStore _models;
    private readonly TaskEncoders _encoders;
    private readonly ILogger _logger;

    public TaskTrainer(SequenceStore sequences, ModelTrainer trainer, ModelRegistry registry, ModelStore models, TaskEncoders encoders, ILogger<TaskTrainer> logger)
    {
        _sequences = sequences;
        _trainer = trainer;
        _registry = registry;
        _models = models;
        _encoders = encoders;
        _logger = logger;
    }

    /// <summary>The clients this training reads: <see cref="TrainingFootprint.SampleSize"/>, logged when the memory budget lowers it.</summary>
    internal TrainingSampleSize SampleClients(string tenant, TaskDefinition task, SequenceManifest manifest)
    {
        var size = TrainingFootprint.SampleSize(task.Model, manifest);
        if (size.Lowered)
        {
            Log.SampleLowered(_logger, tenant, task.Id, task.Model.TrainingMemoryMiB, size.Clients, size.BytesPerClient, size.MeanEvents, size.FixedMiB, size.Available);
        }

        return size;
    }

    /// <summary>
    /// What a "needs data" reason adds when the memory budget lowered the sample: the operator sees the cause in the
    /// task's status, not only in log 7410.
    /// </summary>
    internal static string LoweredSampleNote(TrainingSampleSize size, int memoryMiB) => size.Lowered
        ? string.Create(CultureInfo.InvariantCulture, $" The sample was lowered by model.trainingMemoryMiB {memoryMiB} to {size.Clients} of {size.Available} clients ({size.BytesPerClient:F0} bytes each{(size.FixedBytes > 0 ? $", after {size.FixedMiB:F0} MiB the GRU holds once" : "")}): raise it (up to the operator's Limits:MaxTrainingMemoryMiB) to train on more clients.")
        : "";

    /// <summary>Trains a challenger if the retraining policy says so for this <paramref name="trigger"/>, and decides about it.</summary>
    public async Task<TrainOutcome> TrainAsync(string tenant, TaskDefinition task, long jobId, TrainTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var manifest = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return TrainOutcome.NeedsData("no sequences yet: ingest files and build sequences first");
        }

        var actor = "job:" + jobId.ToString(CultureInfo.InvariantCulture);
        var policy = task.Retraining;
        var champion = await _registry.GetChampionAsync(tenant, task.Id, cancellationToken).ConfigureAwait(false);
        var state = await _registry.GetRetrainingAsync(tenant, task.Id, cancellationToken).ConfigureAwait(false);
        var gate = ChampionPolicy.Gate(policy, state, champion is not null, trigger, manifest.TotalEvents);
        if (!gate.Train)
        {
            return TrainOutcome.Skipped(gate.Reason);
        }

        if (gate.Resume)
        {
            state = await _registry.ResumeRetrainingAsync(tenant, task.Id, gate.Reason, actor, cancellationToken).ConfigureAwait(false);
        }

        var cutter = task.TokenCutter();
        var size = SampleClients(tenant, task, manifest);
        var clients = size.Clients;
        var dataset = await DatasetBuilder.BuildAsync(TrainingSample.ReadAsync(_sequences, manifest, clients, cancellationToken), task.Target, task.Labeling, manifest.LatestEventMicros, cutter is null ? null : cutter.Cut, cancellationToken).ConfigureAwait(false);

        // The reading's buffers are garbage now and the sample is what stays: hand the rest back before the families
        // build their features, so training's peak is the sample plus features, not plus the reading's high-water mark.
        var (before, after) = Jobs.MemoryRelease.Collect();
        Log.SampleRead(_logger, tenant, task.Id, dataset.Examples.Count, before, after);
        if (dataset.CheckSufficiency(task.Labeling) is { } insufficient)
        {
            var cause = await TrainingDiagnosis.ExplainAsync(TrainingSample.ReadAsync(_sequences, manifest, clients, cancellationToken), task, dataset.Summary, manifest.LatestEventMicros, cutter is null ? null : cutter.Cut, cancellationToken).ConfigureAwait(false);
            return TrainOutcome.NeedsData(insufficient + cause + LoweredSampleNote(size, task.Model.TrainingMemoryMiB));
        }

        var reserved = await _registry.ReserveAsync(tenant, task.Id, jobId, cancellationToken).ConfigureAwait(false);
        var local = ScratchSpace.Process.NewPath("train");
        var encoderFolder = local + "-encoder";
        TrainedModelVersion? warm = null;
        try
        {
            warm = champion is null ? null : await _models.LoadAsync(champion.FolderKey, cancellationToken).ConfigureAwait(false);

            // A task without a champion to start from starts from the tenant's pretrained encoder (when enabled).
            var encoder = warm is null
                ? await _encoders.PrepareAsync(tenant, task, dataset, manifest, encoderFolder, cancellationToken).ConfigureAwait(false)
                : null;

            // Training holds its thread for minutes: a thread of its own, so the shared pool (the server's requests)
            // is never short of one while it runs.
            var trainedModel = await Task.Factory.StartNew(
                () => _trainer.TrainScored(dataset, task.Labeling, task.Model, local, warm, encoder, cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
            var manifestOfModel = trainedModel.Manifest;

            // The champion is judged on today's test clients, not by the number it scored when it was trained; its
            // full evaluation there is kept beside the challenger (comparison.json) for the comparison page. The
            // challenger's side is the test scores training computed its metrics from: it is not scored twice.
            double? championAuc = null;
            if (warm is not null)
            {
                var test = dataset.In(DatasetSplit.Test).ToList();
                var cutoff = dataset.Summary.Cutoff is { } c ? c.ToUnixTimeMilliseconds() * 1000 : (long?)null;
                var comparison = ModelComparison.OnSameTest(champion!.Version, warm, trainedModel.TestScores, test, cutoff, task.Model);
                ModelFiles.Write(local, ModelFiles.Comparison, comparison);
                championAuc = comparison.Champion.RocAuc;
            }

            await _models.UploadAsync(local, reserved.FolderKey, cancellationToken).ConfigureAwait(false);

            var auc = manifestOfModel.TestAuc;
            var decision = ChampionPolicy.Judge(
                policy,
                state,
                championAuc is { } current ? new ChampionScore(champion!.Version, current) : null,
                auc,
                dataset.Summary.Examples.GetValueOrDefault(DatasetSplit.Test));
            var trained = reserved with
            {
                Family = manifestOfModel.Family.ToString(),
                WarmStartedFrom = manifestOfModel.WarmStartedFrom is null ? null : champion?.Version,
                ValidationAuc = manifestOfModel.ValidationAuc,
                TestAuc = auc,
                ChampionAucOnSameTest = championAuc,
                DataGeneration = manifest.Generation,
                DataEvents = manifest.TotalEvents,
            };
            Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.TrainBeforeDecision);
            var trainedAt = DateTimeOffset.FromUnixTimeMilliseconds(manifestOfModel.CreatedAt.ToUnixTimeMilliseconds());
            await _registry.DecideAsync(trained, decision, trainedAt, actor, cancellationToken).ConfigureAwait(false);
            Log.Trained(_logger, tenant, task.Id, reserved.Version, decision.Promote, decision.Reason);
            return new TrainOutcome(true, reserved.Version, decision.Promote, decision.Reason, auc, championAuc, manifestOfModel.Family.ToString());
        }
        finally
        {
            warm?.Dispose();
            foreach (var folder in new[] { local, encoderFolder }.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
