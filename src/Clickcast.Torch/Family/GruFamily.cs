using System.Globalization;
using Clickcast.Labels;
using Clickcast.Torch.Pretraining;
using Clickcast.Training;
using Microsoft.Extensions.Logging;

namespace Clickcast.Torch.Family;

/// <summary>The GRU as a model family: encodes chains with the task's vocabulary, trains and scores with libtorch.</summary>
public sealed class GruFamily : IModelFamily
{
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    public GruFamily(TimeProvider timeProvider, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggers);
        _time = timeProvider;
        _loggers = loggers;
    }

    /// <inheritdoc />
    public ModelFamilyKind Kind => ModelFamilyKind.Gru;

    /// <inheritdoc />
    public ITrainedModel Train(ModelTrainingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = request.Settings;
        var torch = TorchOf(settings.Gru);
        var maxLength = settings.MaxSequenceLength;
        var shape = GruModelOptions.From(settings);
        var warmStart = (request.WarmStart as Trained)?.Model;

        // Built on the training split only; a champion's types keep their ids, new ones follow (warm start).
        var types = shape.EventTypeEmbeddingSize > 0 ? EventTypeVocabulary.Build(request.Train.Select(e => e.EventTypes), warmStart?.EventTypes) : null;
        if (warmStart is not null && !GruTrainer.CanWarmStart(warmStart, shape, types))
        {
            Log.WarmStartSkipped(_loggers.CreateLogger<GruFamily>(), warmStart.Options.EventTypeEmbeddingSize, warmStart.EventTypes?.Types.Count ?? 0, shape.EventTypeEmbeddingSize);
            warmStart = null;
            types = shape.EventTypeEmbeddingSize > 0 ? EventTypeVocabulary.Build(request.Train.Select(e => e.EventTypes)) : null;
        }

        // Without a model to continue, the tenant's pretrained encoder (when given and of the same shape) is the start.
        using var fromEncoder = warmStart is null && request.Encoder is { } encoder ? FromEncoder(encoder, request.Vocabulary, shape, types, settings.Gru.Seed, torch) : null;
        warmStart ??= fromEncoder;

        var train = request.Train.Select(e => Labeled(e, request.Vocabulary, types, maxLength, request.CutoffMicros)).ToList();
        var validation = request.Validation.Select(e => Labeled(e, request.Vocabulary, types, maxLength, request.CutoffMicros)).ToList();
        var trainer = new GruTrainer(torch, _time, _loggers.CreateLogger<GruTrainer>());
        var result = trainer.Train(train, validation, request.Vocabulary.Count, shape, GruTrainingOptions.From(settings.Gru), warmStart, types, cancellationToken);
        return new Trained(result.Model, request.Vocabulary, maxLength, result, fromEncoder is null ? null : request.Encoder!.Key);
    }

    /// <summary>A task model whose embeddings and GRU are the encoder's; null (logged) when the shapes differ.</summary>
    private GruModel? FromEncoder(PretrainedEncoder stored, Vocabulary vocabulary, GruModelOptions shape, EventTypeVocabulary? types, int seed, TorchOptions torch)
    {
        using var encoder = ChainEncoder.Load(stored.Folder, torch);
        if (!encoder.CanWarmStart(shape, types))
        {
            var own = encoder.Options;
            Pretraining.Log.EncoderShapeDiffers(_loggers.CreateLogger<GruFamily>(), stored.Key, own.EmbeddingSize, own.HiddenSize, own.Layers, shape.EmbeddingSize, shape.HiddenSize, shape.Layers);
            return null;
        }

        return encoder.WarmStart(vocabulary, shape, types, seed, torch);
    }

    /// <inheritdoc />
    public ITrainedModel Load(string folder, Vocabulary vocabulary, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Trained(GruModel.Load(folder, TorchOf(settings.Gru)), vocabulary, settings.MaxSequenceLength, null);
    }

    /// <summary>The libtorch options of the GRU settings (device, threads, scoring and training parallelism).</summary>
    internal static TorchOptions TorchOf(GruSettings settings)
    {
        return new()
        {
            Device = settings.Device,
            Threads = settings.Threads == 0 ? null : settings.Threads,
            ScoringParallelism = settings.ScoringThreads(Environment.ProcessorCount),
            TrainingParallelism = settings.TrainingThreads(Environment.ProcessorCount),
        };
    }

    private static LabeledSequence Labeled(LabeledExample example, Vocabulary vocabulary, EventTypeVocabulary? types, int maxLength, long? cutoff) =>
        new(SequenceEncoder.Encode(example.Urls, example.TimesMicros, example.Urls.Count, vocabulary, maxLength, cutoff ?? example.TimesMicros[^1], example.EventTypes, types), example.Label);

    private sealed class Trained(GruModel model, Vocabulary vocabulary, int maxLength, GruTrainingResult? training, string? encoderKey = null) : ITrainedModel
    {
        public GruModel Model => model;

        public ModelFamilyKind Kind => ModelFamilyKind.Gru;

        public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
        {
            var encoded = inputs.Select(i => SequenceEncoder.Encode(i.Urls, i.TimesMicros, i.Urls.Count, vocabulary, maxLength, i.AsOfMicros, i.EventTypes, model.EventTypes)).ToList();
            var scores = model.Score(encoded);
            for (var i = 0; i < scores.Length; i++)
            {
                probabilities[i] = scores[i];
            }
        }

        public void Save(string folder) => model.Save(folder);

        public IReadOnlyDictionary<string, string> Describe()
        {
            var options = model.Options;
            var details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["family"] = model.EventTypes is null ? "GRU over URL-token embeddings and time features" : "GRU over URL-token and event-type embeddings and time features",
                ["embeddingSize"] = options.EmbeddingSize.ToString(CultureInfo.InvariantCulture),
                ["eventTypeEmbeddingSize"] = options.EventTypeEmbeddingSize.ToString(CultureInfo.InvariantCulture),
                ["eventTypes"] = string.Join(",", model.EventTypes?.Types ?? []),
                ["hiddenSize"] = options.HiddenSize.ToString(CultureInfo.InvariantCulture),
                ["layers"] = options.Layers.ToString(CultureInfo.InvariantCulture),
                ["dropout"] = options.Dropout.ToString(CultureInfo.InvariantCulture),
                ["torchSharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown",
            };
            if (training is not null)
            {
                details["epochs"] = training.Epochs.Count.ToString(CultureInfo.InvariantCulture);
                details["bestEpoch"] = training.BestEpoch.ToString(CultureInfo.InvariantCulture);
                details["stopReason"] = training.StopReason.ToString();
            }

            if (encoderKey is not null)
            {
                details[PretrainedEncoder.DetailsKey] = encoderKey;
            }

            return details;
        }

        public void Dispose() => model.Dispose();
    }
}
