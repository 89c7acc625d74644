using Clickcast.Torch.Network;
using Clickcast.Training;
using Clickcast.Training.Memory;
using TorchSharp;
using static TorchSharp.torch;

namespace Clickcast.Torch;

/// <summary>
/// A trained GRU model: scores encoded chains with the probability of the target action. Made by
/// <see cref="GruTrainer"/> or <see cref="Load"/>; holds native memory, so dispose it.
/// </summary>
/// <remarks>Scoring from several threads at once is safe; the model never changes after it is made.</remarks>
public sealed partial class GruModel : IDisposable
{
    private const double MinLengthShare = 0.8;
    private readonly GruNetwork _network;
    private readonly GruModelOptions _options;
    private readonly Device _device;
    private readonly int _scoringBatchSize;
    private readonly int _scoringParallelism;

    internal GruModel(GruNetwork network, GruModelOptions options, Device device, TorchOptions torch, EventTypeVocabulary? eventTypes = null)
    {
        if ((eventTypes?.Count ?? 0) != network.EventTypeCount)
        {
            throw new ArgumentException($"The network reads {network.EventTypeCount} event-type ids; the vocabulary has {eventTypes?.Count ?? 0}.", nameof(eventTypes));
        }

        _network = network;
        EventTypes = eventTypes;
        _options = Copy(options);
        _options.EventTypeEmbeddingSize = network.EventTypeEmbeddingSize;
        _device = device;
        _scoringBatchSize = torch.ScoringBatchSize;
        _scoringParallelism = torch.ScoringParallelism;
        _network.FinalState = FinalState.Packed;
        _network.eval();
    }

    /// <summary>Vocabulary ids the model knows: 0 .. VocabularySize - 1. Larger ids score as <see cref="Vocabulary.UnknownId"/>.</summary>
    public int VocabularySize => _network.VocabularySize;

    /// <summary>The event types the model tells apart; null when it reads none (format 1 models, or size 0).</summary>
    public EventTypeVocabulary? EventTypes { get; }

    /// <summary>The model's shape (a copy).</summary>
    public GruModelOptions Options => Copy(_options);

    internal GruNetwork Network => _network;

    internal Device Device => _device;

    /// <summary>Probability of the target action for each chain, in input order.</summary>
    /// <exception cref="ArgumentException">A chain has no steps or its features do not match its steps.</exception>
    public float[] Score(IReadOnlyList<EncodedSequence> sequences) => Forward(sequences, probabilities: true);

    /// <summary>The network's raw output (log-odds of the target action) for each chain, in input order.</summary>
    /// <exception cref="ArgumentException">A chain has no steps or its features do not match its steps.</exception>
    public float[] ScoreLogits(IReadOnlyList<EncodedSequence> sequences) => Forward(sequences, probabilities: false);

    public void Dispose() => _network.Dispose();

    internal static GruModelOptions Copy(GruModelOptions options) => new()
    {
        EmbeddingSize = options.EmbeddingSize,
        EventTypeEmbeddingSize = options.EventTypeEmbeddingSize,
        HiddenSize = options.HiddenSize,
        Layers = options.Layers,
        Dropout = options.Dropout,
        MaxSequenceLength = options.MaxSequenceLength,
    };

    internal static void Validate(IReadOnlyList<EncodedSequence> sequences, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(sequences, parameterName);
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            if (sequence.TokenIds is null || sequence.Features is null || sequence.Length == 0)
            {
                throw new ArgumentException($"Sequence {i} has no steps.", parameterName);
            }

            if (sequence.Features.Length != sequence.Length * EncodedSequence.FeatureCount)
            {
                throw new ArgumentException(
                    $"Sequence {i} has {sequence.Features.Length} features for {sequence.Length} steps; expected {EncodedSequence.FeatureCount} per step.",
                    parameterName);
            }

            if (sequence.TypeIds is { } types && types.Length != sequence.Length)
            {
                throw new ArgumentException($"Sequence {i} has {types.Length} event types for {sequence.Length} steps.", parameterName);
            }
        }
    }

    private float[] Forward(IReadOnlyList<EncodedSequence> sequences, bool probabilities)
    {
        Validate(sequences, nameof(sequences));
        return Predict(_network, sequences, _options.MaxSequenceLength, _scoringBatchSize, _device, probabilities, _scoringParallelism);
    }

    /// <summary>
    /// Batched inference over chains sorted by length (little padding), written back in input order. Shared with
    /// the trainer's validation, which scores with the network it is training.
    /// </summary>
    internal static float[] Predict(
        GruNetwork network, IReadOnlyList<EncodedSequence> sequences, int maxLength, int batchSize, Device device, bool probabilities, int parallelism = 1)
    {
        var scores = new float[sequences.Count];
        if (scores.Length == 0)
        {
            return scores;
        }

        var byLength = new int[sequences.Count];
        var keys = new int[sequences.Count];
        for (var i = 0; i < byLength.Length; i++)
        {
            byLength[i] = i;
            keys[i] = -Math.Min(sequences[i].Length, maxLength);
        }

        Array.Sort(keys, byLength);
        var batches = new List<(int Start, int Count)>();
        for (var start = 0; start < byLength.Length;)
        {
            var rows = ScoringBatchRows(-keys[start], batchSize);
            var count = network.FinalState == FinalState.Packed
                ? Math.Min(rows, byLength.Length - start)
                : ScoringBatchLength(keys, start, rows);
            batches.Add((start, count));
            start += count;
        }

        var training = network.training;
        network.eval();
        try
        {
            if (parallelism <= 1 || batches.Count == 1)
            {
                foreach (var (start, count) in batches)
                {
                    ScoreBatch(start, count);
                }
            }
            else
            {
                // One batch at a time to each thread, longest first (the sort put them there), so no thread is left
                // alone with the long ones at the end.
                Parallel.ForEach(
                    System.Collections.Concurrent.Partitioner.Create(batches, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
                    new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                    batch => ScoreBatch(batch.Start, batch.Count));
            }
        }
        finally
        {
            network.train(training);
        }

        return scores;

        // Gradient mode and dispose scopes are per thread, so each batch sets up its own.
        void ScoreBatch(int start, int count)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var batch = SequenceBatch.Create(sequences, byLength.AsSpan(start, count), maxLength, network.VocabularySize, device, network.EventTypeCount);
            var output = network.call(batch.Tokens, batch.Types, batch.Features, batch.Lengths);
            if (probabilities)
            {
                output = output.sigmoid();
            }

            var values = output.cpu().data<float>().ToArray();
            for (var row = 0; row < values.Length; row++)
            {
                scores[batch.Order[row]] = values[row];
            }
        }
    }

    /// <summary>
    /// Rows a scoring batch whose longest chain has <paramref name="longest"/> steps may hold: <paramref name="batchSize"/>,
    /// fewer when that many rows of that length would pass <see cref="GruFootprint.MaxScoringSteps"/> (at least one),
    /// so a scoring thread's activations stay bounded however long the chains (the training budget charges them).
    /// </summary>
    internal static int ScoringBatchRows(int longest, int batchSize) =>
        Math.Clamp(GruFootprint.MaxScoringSteps / Math.Max(1, longest), 1, batchSize);

    /// <summary>
    /// How many rows from <c>start</c> go into one scoring batch: at most <c>batchSize</c>, and none shorter than
    /// <see cref="MinLengthShare"/> of the batch's longest, so padding stays under about a fifth of the work even
    /// where a heavy tail of long chains meets the many short ones. <c>negativeLengths</c> holds minus each chain's
    /// capped length, sorted ascending (longest first).
    /// </summary>
    private static int ScoringBatchLength(int[] negativeLengths, int start, int batchSize)
    {
        var longest = -negativeLengths[start];
        var shortest = (int)Math.Ceiling(longest * MinLengthShare);
        var end = start + 1;
        var limit = Math.Min(negativeLengths.Length, start + batchSize);
        while (end < limit && -negativeLengths[end] >= shortest)
        {
            end++;
        }

        return end - start;
    }
}
