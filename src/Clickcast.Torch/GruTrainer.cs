using System.ComponentModel.DataAnnotations;
using Clickcast.Torch.Network;
using Clickcast.Training;
using Clickcast.Training.Evaluation;
using Microsoft.Extensions.Logging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Clickcast.Torch;

/// <summary>
/// Trains a <see cref="GruModel"/>: Adam on class-weighted binary cross-entropy over length-bucketed batches,
/// stopping early on validation AUC-ROC and keeping the best epoch's weights.
/// </summary>
/// <remarks>Runs in one process take turns with every other libtorch run (<see cref="TorchRun.OneAtATime"/>).</remarks>
public sealed class GruTrainer
{
    private readonly TorchRun _run;

    public GruTrainer(TorchOptions torch, TimeProvider timeProvider, ILogger<GruTrainer> logger) => _run = new TorchRun(torch, timeProvider, logger);

    /// <summary>How the network takes the final state; internal so the benchmark can compare.</summary>
    internal FinalState FinalState { get; set; } = FinalState.Gather;

    /// <summary>Length-bucketed batches (true) or random ones; internal so the benchmark can compare.</summary>
    internal bool BucketBatches { get; set; } = true;

    /// <summary>Trains a model on <paramref name="training"/>, choosing the epoch by AUC on <paramref name="validation"/>.</summary>
    /// <param name="training">Examples to learn from; both classes must be present.</param>
    /// <param name="validation">Held-out examples for early stopping; both classes must be present.</param>
    /// <param name="vocabularySize">Ids the model will know (the vocabulary's size, PAD and UNK included).</param>
    /// <param name="model">The network's shape; with <paramref name="warmStart"/>, sizes and layers must match it.</param>
    /// <param name="options">Optimiser, batching, stopping and seed.</param>
    /// <param name="warmStart">
    /// A model to continue from instead of random weights. The vocabulary may have grown (old ids keep their
    /// meaning): old embedding rows are copied, new ones start as a fresh model's would.
    /// </param>
    /// <param name="eventTypes">
    /// The event types the model embeds (built on the training data; grown from <paramref name="warmStart"/>'s, whose
    /// ids keep their meaning); null, or <see cref="GruModelOptions.EventTypeEmbeddingSize"/> 0, for none. The
    /// sequences' <see cref="EncodedSequence.TypeIds"/> are its ids.
    /// </param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public GruTrainingResult Train(
        IReadOnlyList<LabeledSequence> training,
        IReadOnlyList<LabeledSequence> validation,
        int vocabularySize,
        GruModelOptions model,
        GruTrainingOptions options,
        GruModel? warmStart = null,
        EventTypeVocabulary? eventTypes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(model, new ValidationContext(model), validateAllProperties: true);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, Vocabulary.UnknownId + 1);
        var train = Split(training, nameof(training));
        var valid = Split(validation, nameof(validation));
        eventTypes = model.EventTypeEmbeddingSize > 0 ? eventTypes : null;
        if (warmStart is not null)
        {
            CheckWarmStart(warmStart, vocabularySize, model, eventTypes);
        }

        lock (TorchRun.OneAtATime)
        {
            return Run(train, valid, vocabularySize, model, options, warmStart, eventTypes, cancellationToken);
        }
    }

    private GruTrainingResult Run(
        Examples train, Examples valid, int vocabularySize, GruModelOptions model, GruTrainingOptions options,
        GruModel? warmStart, EventTypeVocabulary? eventTypes, CancellationToken cancellationToken)
    {
        var typeCount = eventTypes?.Count ?? 0;
        var started = _run.Time.GetTimestamp();
        var device = TorchRuntime.Apply(_run.Torch);
        var network = warmStart is null
            ? GruModel.CreateNetwork(vocabularySize, model, options.Seed, typeCount)
            : GruModel.GrowNetwork(warmStart, vocabularySize, model, options.Seed, typeCount);
        network.to(device);
        var positiveWeight = options.PositiveClassWeight ?? (double)train.Negatives / train.Positives;
        Log.TrainingStarted(
            _run.Logger, train.Count, valid.Count, vocabularySize, positiveWeight,
            warmStart is null ? "" : $", warm start from a model of vocabulary {warmStart.VocabularySize}");

        var epochs = new List<GruEpochSummary>();
        Dictionary<string, Tensor>? best = null;
        var bestAuc = double.NegativeInfinity;
        var bestEpoch = 0;
        var stopReason = GruStopReason.MaxEpochs;
        try
        {
            using var positiveWeightTensor = tensor(new[] { (float)positiveWeight }, device: device);
            using var optimizer = optim.Adam(network.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
            var random = new Random(options.Seed);
            var parallelism = TrainingStep.CanSplit(network, device) ? _run.Torch.TrainingParallelism : 1;
            var lengths = train.Sequences.Select(s => Math.Min(s.Length, model.MaxSequenceLength)).ToArray();
            for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
            {
                var epochStarted = _run.Time.GetTimestamp();
                network.FinalState = FinalState;
                var batches = BucketBatches
                    ? BatchPlan.Bucketed(lengths, options.BatchSize, random)
                    : BatchPlan.Unbucketed(lengths.Length, options.BatchSize, random);
                var (loss, trained, outOfTime) = RunEpoch(
                    network, optimizer, positiveWeightTensor, train, batches, model.MaxSequenceLength, device, parallelism,
                    started, options.TimeBudget, cancellationToken);
                network.FinalState = FinalState.Packed;
                var logits = GruModel.Predict(
                    network, valid.Sequences, model.MaxSequenceLength, _run.Torch.ScoringBatchSize, device, probabilities: false);
                var auc = BinaryMetrics.RocAuc(Array.ConvertAll(logits, l => (double)l), valid.Labels);
                var summary = new GruEpochSummary(epoch, loss, auc, trained, _run.Time.GetElapsedTime(epochStarted));
                epochs.Add(summary);
                Log.EpochCompleted(_run.Logger, epoch, loss, auc, trained, summary.Duration);

                if (auc > bestAuc)
                {
                    bestAuc = auc;
                    bestEpoch = epoch;
                    Dispose(best);
                    best = Snapshot(network);
                }
                else if (epoch - bestEpoch >= options.EarlyStoppingPatience)
                {
                    stopReason = GruStopReason.EarlyStopping;
                    break;
                }

                if (outOfTime)
                {
                    stopReason = GruStopReason.TimeBudget;
                    break;
                }
            }

            if (best is null)
            {
                // Only NaN validation scores: the weights diverged. No epoch is worth keeping.
                throw new InvalidOperationException(
                    "Training diverged: the validation AUC was not a number after every epoch; lower the learning rate.");
            }

            Restore(network, best);
            var duration = _run.Time.GetElapsedTime(started);
            Log.TrainingStopped(_run.Logger, stopReason, epochs.Count, duration, bestAuc, bestEpoch);
            return new GruTrainingResult(new GruModel(network, model, device, _run.Torch, eventTypes), epochs, bestEpoch, bestAuc, stopReason, duration);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        finally
        {
            Dispose(best);
        }
    }

    private (double Loss, int Trained, bool OutOfTime) RunEpoch(
        GruNetwork network, Adam optimizer, Tensor positiveWeight, Examples train, List<int[]> batches, int maxLength,
        Device device, int parallelism, long started, TimeSpan budget, CancellationToken cancellationToken)
    {
        network.train();
        double lossSum = 0;
        var trained = 0;
        foreach (var rows in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_run.Time.GetElapsedTime(started) >= budget)
            {
                return (trained == 0 ? double.NaN : lossSum / trained, trained, true);
            }

            optimizer.zero_grad();
            lossSum += TrainingStep.Backward(network, train.Sequences, train.Labels, rows, maxLength, positiveWeight, device, parallelism);
            optimizer.step();
            trained += rows.Length;
        }

        return (lossSum / trained, trained, false);
    }

    private static Dictionary<string, Tensor> Snapshot(GruNetwork network)
    {
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, value) in network.state_dict())
        {
            copy[name] = value.detach().clone();
        }

        return copy;
    }

    private static void Restore(GruNetwork network, Dictionary<string, Tensor> weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, value) in network.state_dict())
        {
            value.copy_(weights[name]);
        }
    }

    private static void Dispose(Dictionary<string, Tensor>? weights)
    {
        foreach (var value in weights?.Values ?? Enumerable.Empty<Tensor>())
        {
            value.Dispose();
        }
    }

    private static void CheckWarmStart(GruModel warmStart, int vocabularySize, GruModelOptions model, EventTypeVocabulary? eventTypes)
    {
        if (!CanWarmStart(warmStart, model, eventTypes))
        {
            throw new ArgumentException(
                "A warm start keeps the event types: the same embedding size, and the old types first with their ids.", nameof(eventTypes));
        }

        if (vocabularySize < warmStart.VocabularySize)
        {
            throw new ArgumentException(
                $"The vocabulary may only grow from a warm start: {vocabularySize} < {warmStart.VocabularySize}.", nameof(vocabularySize));
        }

        var shape = warmStart.Options;
        if (shape.EmbeddingSize != model.EmbeddingSize || shape.HiddenSize != model.HiddenSize || shape.Layers != model.Layers)
        {
            throw new ArgumentException(
                $"A warm start keeps the network's shape: embedding {shape.EmbeddingSize}, hidden {shape.HiddenSize}, {shape.Layers} layer(s).",
                nameof(model));
        }
    }

    /// <summary>
    /// Whether <paramref name="warmStart"/>'s event-type embedding can continue into a model of
    /// <paramref name="model"/>'s shape and <paramref name="eventTypes"/> (both without one, or the same width with the
    /// old types first in their order); a caller trains from scratch otherwise.
    /// </summary>
    public static bool CanWarmStart(GruModel warmStart, GruModelOptions model, EventTypeVocabulary? eventTypes)
    {
        ArgumentNullException.ThrowIfNull(warmStart);
        ArgumentNullException.ThrowIfNull(model);
        var old = warmStart.EventTypes;
        var newSize = model.EventTypeEmbeddingSize > 0 && eventTypes is not null ? model.EventTypeEmbeddingSize : 0;
        if (old is null || newSize == 0)
        {
            return old is null && newSize == 0;
        }

        return warmStart.Options.EventTypeEmbeddingSize == newSize
            && eventTypes!.Types.Count >= old.Types.Count
            && old.Types.SequenceEqual(eventTypes.Types.Take(old.Types.Count), StringComparer.Ordinal);
    }

    private static Examples Split(IReadOnlyList<LabeledSequence> examples, string parameterName)
    {
        var sequences = new EncodedSequence[examples.Count];
        var labels = new bool[examples.Count];
        var positives = 0;
        for (var i = 0; i < sequences.Length; i++)
        {
            sequences[i] = examples[i].Sequence;
            labels[i] = examples[i].IsPositive;
            positives += labels[i] ? 1 : 0;
        }

        GruModel.Validate(sequences, parameterName);
        if (positives == 0 || positives == sequences.Length)
        {
            throw new ArgumentException("Both positive and negative examples are needed.", parameterName);
        }

        return new Examples(sequences, labels, positives);
    }

    private sealed record Examples(EncodedSequence[] Sequences, bool[] Labels, int Positives)
    {
        public int Count => Sequences.Length;

        public int Negatives => Sequences.Length - Positives;
    }
}
