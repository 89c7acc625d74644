using Clickcast.Labels;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Training;
using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>
/// The tenant's pretrained encoder for a task about to train from scratch, as <see cref="PretrainingRule"/> says:
/// built (or rebuilt) on the task's training chains and stored, or the newest stored one reused.
/// </summary>
public sealed class TaskEncoders
{
    private readonly EncoderStore _encoders;
    private readonly IEncoderPretrainer? _pretrainer;
    private readonly ILogger _logger;

    public TaskEncoders(EncoderStore encoders, IEnumerable<IEncoderPretrainer> pretrainers, ILogger<TaskEncoders> logger)
    {
        ArgumentNullException.ThrowIfNull(encoders);
        ArgumentNullException.ThrowIfNull(pretrainers);
        _encoders = encoders;
        _pretrainer = pretrainers.FirstOrDefault();
        _logger = logger;
    }

    /// <summary>
    /// The encoder to start <paramref name="task"/>'s GRU from, copied into <paramref name="localFolder"/>; null when
    /// its pretraining is off, its family is not the GRU, or this process cannot pretrain (no libtorch).
    /// </summary>
    public async Task<PretrainedEncoder?> PrepareAsync(
        string tenant, TaskDefinition task, LabeledDataset dataset, SequenceManifest sequences, string localFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(sequences);
        var settings = task.Model;
        if (!settings.Pretraining.Enabled || settings.Family is not (ModelFamilyChoice.Gru or ModelFamilyChoice.BestOf))
        {
            return null;
        }

        if (_pretrainer is null)
        {
            Log.EncoderUnavailable(_logger, tenant, task.Id);
            return null;
        }

        var newest = await _encoders.NewestAsync(tenant, cancellationToken).ConfigureAwait(false);
        var stored = Path.Combine(localFolder, "stored");
        long? seen = null;
        if (newest is not null)
        {
            await _encoders.DownloadAsync(newest, stored, cancellationToken).ConfigureAwait(false);
            seen = _pretrainer.SequenceEventsOf(stored);
        }

        var decision = PretrainingRule.Decide(settings.Pretraining, seen, sequences.TotalEvents);
        Log.EncoderDecided(_logger, tenant, task.Id, decision, newest ?? "none", seen ?? 0, sequences.TotalEvents);
        switch (decision)
        {
            case PretrainingDecision.Off:
                return null;
            case PretrainingDecision.Reuse:
                return new PretrainedEncoder(newest!, stored);
            default:
                var built = Path.Combine(localFolder, "built");
                var chains = dataset.In(DatasetSplit.Train).ToList();
                if (!PretrainingRule.CanPretrain(chains.Select(c => c.Urls.Count)))
                {
                    Log.EncoderTooFewChains(_logger, tenant, task.Id, chains.Count);
                    return null;
                }

                var cutoff = dataset.Summary.Cutoff is { } c ? c.ToUnixTimeMilliseconds() * 1000 : (long?)null;

                // Minutes of libtorch: a thread of its own, as training has.
                await Task.Factory.StartNew(
                    () => _pretrainer.Pretrain(chains, cutoff, settings, sequences.TotalEvents, built, cancellationToken),
                    cancellationToken,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default).ConfigureAwait(false);
                var key = TenantLayout.Encoder(tenant, sequences.Generation);
                await _encoders.UploadAsync(built, key, cancellationToken).ConfigureAwait(false);
                Log.EncoderStored(_logger, tenant, task.Id, key, chains.Count);
                return new PretrainedEncoder(key, built);
        }
    }
}
