using System.Text.Json;
using Clickcast.Labels;
using Clickcast.Storage;
using Clickcast.Torch.Family;
using Clickcast.Training;
using Microsoft.Extensions.Logging;

namespace Clickcast.Torch.Pretraining;

/// <summary>
/// The pipeline's way to a <see cref="ChainEncoder"/>: the chains' own vocabulary (the task's vocabulary settings),
/// encoded as the GRU reads them, pretrained by <see cref="ContrastivePretrainer"/> with the GRU's shape and seed.
/// </summary>
public sealed class EncoderPretrainer : IEncoderPretrainer
{
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    public EncoderPretrainer(TimeProvider timeProvider, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggers);
        _time = timeProvider;
        _loggers = loggers;
    }

    /// <inheritdoc />
    public void Pretrain(IReadOnlyList<LabeledExample> chains, long? cutoffMicros, ModelSettings settings, long sequenceEvents, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(settings);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var url in chains.SelectMany(c => c.Urls))
        {
            counts[url] = counts.GetValueOrDefault(url) + 1;
        }

        var vocabulary = Vocabulary.Build(counts, settings.VocabularyMinCount, settings.VocabularyMaxSize);
        var shape = GruModelOptions.From(settings);
        var types = shape.EventTypeEmbeddingSize > 0 ? EventTypeVocabulary.Build(chains.Select(c => c.EventTypes)) : null;
        var encoded = chains
            .Select(c => SequenceEncoder.Encode(c.Urls, c.TimesMicros, c.Urls.Count, vocabulary, shape.MaxSequenceLength, cutoffMicros ?? c.TimesMicros[^1], c.EventTypes, types))
            .ToList();
        var pretrainer = new ContrastivePretrainer(GruFamily.TorchOf(settings.Gru), _time, _loggers.CreateLogger<ContrastivePretrainer>());
        using var encoder = pretrainer.Pretrain(encoded, vocabulary, shape, settings.Pretraining, settings.Gru.Seed, types, sequenceEvents, cancellationToken);
        encoder.Save(folder);
    }

    /// <inheritdoc />
    public long SequenceEventsOf(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var manifest = JsonSerializer.Deserialize<EncoderManifest>(File.ReadAllText(Path.Combine(folder, ChainEncoder.ManifestFileName)), ClickcastJson.Options)
            ?? throw new InvalidDataException($"{folder}: empty encoder manifest.");
        return manifest.SequenceEvents;
    }
}
