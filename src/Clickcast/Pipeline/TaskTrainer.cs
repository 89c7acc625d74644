using System.Globalization;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Tenants;
using Clickcast.Training.Evaluation;
using Clickcast.Training;
using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>
/// Retraining with a champion and challengers: a challenger trains on current data (warm-started from the
/// champion), both are scored on the SAME current test clients, and the challenger is promoted only if its AUC is
/// higher by the configured margin. After N non-improving retrains in a row retraining pauses until the data grows
/// by the configured share or someone resets it. Every version is kept.
/// </summary>
public sealed class TaskTrainer
{
    private readonly SequenceStore _sequences;
    private readonly ModelTrainer _trainer;
    private readonly ModelRegistry _registry;
    private readonly ModelStore _models;
    private readonly ILogger _logger;

    public TaskTrainer(SequenceStore sequences, ModelTrainer trainer, ModelRegistry registry, ModelStore models, ILogger<TaskTrainer> logger)
    {
        _sequences = sequences;
        _trainer = trainer;
        _registry = registry;
        _models = models;
        _logger = logger;
    }

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
        var grown = manifest.TotalEvents >= (1 + policy.MinNewDataShare) * state.EventsAtLastTraining;
        if (champion is not null && trigger != TrainTrigger.Manual)
        {
            if (state.Paused && !grown)
            {
                return TrainOutcome.Skipped($"retraining is paused ({state.PausedReason}); it resumes when the data grows by {policy.MinNewDataShare:P0} or on reset");
            }

            if (state.Paused)
            {
                state = state with { Paused = false, PausedReason = null, NonImproving = 0 };
                await _registry.SaveRetrainingAsync(tenant, task.Id, state with { PausedReason = $"data grew to {manifest.TotalEvents:N0} events" }, "Resumed", actor, cancellationToken).ConfigureAwait(false);
            }
            else if (!grown && trigger == TrainTrigger.NewData)
            {
                return TrainOutcome.Skipped($"not enough new data: {manifest.TotalEvents:N0} events, retraining needs {(1 + policy.MinNewDataShare) * state.EventsAtLastTraining:N0}");
            }
        }

        var cutter = task.TokenCutter();
        var dataset = await DatasetBuilder.BuildAsync(_sequences.ReadAsync(manifest, cancellationToken), task.Target, task.Labeling, manifest.LatestEventMicros, cutter is null ? null : cutter.Cut, cancellationToken).ConfigureAwait(false);
        if (dataset.CheckSufficiency(task.Labeling) is { } insufficient)
        {
            var cause = await TrainingDiagnosis.ExplainAsync(_sequences.ReadAsync(manifest, cancellationToken), task, dataset.Summary, manifest.LatestEventMicros, cutter is null ? null : cutter.Cut, cancellationToken).ConfigureAwait(false);
            return TrainOutcome.NeedsData(insufficient + cause);
        }

        var reserved = await _registry.ReserveAsync(tenant, task.Id, jobId, cancellationToken).ConfigureAwait(false);
        var local = Path.Combine(Path.GetTempPath(), "clickcast-train-" + Guid.NewGuid().ToString("N"));
        TrainedModelVersion? warm = null;
        try
        {
            warm = champion is null ? null : await _models.LoadAsync(champion.FolderKey, cancellationToken).ConfigureAwait(false);
            var manifestOfModel = _trainer.Train(dataset, task.Labeling, task.Model, local, warm, cancellationToken);
            await _models.UploadAsync(local, reserved.FolderKey, cancellationToken).ConfigureAwait(false);

            // The champion is judged on today's test clients, not by the number it scored when it was trained.
            double? championAuc = null;
            if (warm is not null)
            {
                var test = dataset.In(DatasetSplit.Test).ToList();
                var cutoff = dataset.Summary.Cutoff is { } c ? c.ToUnixTimeMilliseconds() * 1000 : (long?)null;
                championAuc = BinaryMetrics.RocAuc(ModelTrainer.Score(warm, test, cutoff), test.Select(e => e.Label).ToArray());
            }

            var auc = manifestOfModel.TestAuc;
            bool promote;
            string decision;
            if (championAuc is { } current)
            {
                promote = auc >= current + policy.MinAucGain;
                decision = promote
                    ? $"challenger AUC {auc:0.0000} beats champion v{champion!.Version} ({current:0.0000}) on the same {dataset.Summary.Examples.GetValueOrDefault(DatasetSplit.Test):N0} test clients by ≥ {policy.MinAucGain}"
                    : $"challenger AUC {auc:0.0000} does not beat champion v{champion!.Version} ({current:0.0000}) on the same test clients by {policy.MinAucGain}";
            }
            else
            {
                promote = auc >= policy.MinimumAuc;
                decision = promote
                    ? $"first model: test AUC {auc:0.0000} ≥ minimum {policy.MinimumAuc}"
                    : $"first model: test AUC {auc:0.0000} is below the minimum {policy.MinimumAuc}; not used for scoring";
            }

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
            await _registry.DecideAsync(trained, promote, decision, actor, cancellationToken).ConfigureAwait(false);

            var nonImproving = promote || champion is null ? 0 : state.NonImproving + 1;
            var pause = champion is not null && nonImproving >= policy.Patience;
            var next = new RetrainingState(nonImproving, pause, pause ? $"{nonImproving} retrains in a row without improvement" : null, manifest.TotalEvents, DateTimeOffset.FromUnixTimeMilliseconds(manifestOfModel.CreatedAt.ToUnixTimeMilliseconds()));
            await _registry.SaveRetrainingAsync(tenant, task.Id, next, pause ? "Paused" : null, actor, cancellationToken).ConfigureAwait(false);
            Log.Trained(_logger, tenant, task.Id, reserved.Version, promote, decision);
            return new TrainOutcome(true, reserved.Version, promote, decision, auc, championAuc, manifestOfModel.Family.ToString());
        }
        finally
        {
            warm?.Dispose();
            if (Directory.Exists(local))
            {
                Directory.Delete(local, recursive: true);
            }
        }
    }
}
