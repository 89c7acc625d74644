using Clickcast.Training;
using static TorchSharp.torch;

namespace Clickcast.Torch.Network;

/// <summary>
/// Chains collated into right-padded tensors, longest first (packing needs that order; gathering does not mind).
/// Tensors belong to the dispose scope open when the batch is made.
/// </summary>
internal sealed class SequenceBatch
{
    private SequenceBatch(int[] order, Tensor tokens, Tensor types, Tensor features, Tensor lengths)
    {
        Order = order;
        Tokens = tokens;
        Types = types;
        Features = features;
        Lengths = lengths;
    }

    /// <summary>Row i of the tensors holds the sequence at index Order[i] of the source list.</summary>
    public int[] Order { get; }

    public Tensor Tokens { get; }

    /// <summary>[batch, steps] int64 event-type ids (padding 0); all padding when the network reads no types.</summary>
    public Tensor Types { get; }

    public Tensor Features { get; }

    /// <summary>True lengths after truncation, on the CPU.</summary>
    public Tensor Lengths { get; }

    /// <summary>
    /// Collates the given rows. Chains longer than <paramref name="maxLength"/> keep their most recent steps; ids
    /// outside the vocabulary (a chain encoded with a newer, larger vocabulary) read as <see cref="Vocabulary.UnknownId"/>;
    /// event-type ids likewise read as <see cref="EventTypeVocabulary.OtherId"/> past <paramref name="eventTypeCount"/>,
    /// and a chain encoded without types reads as all "other".
    /// </summary>
    public static SequenceBatch Create(
        IReadOnlyList<EncodedSequence> sequences, ReadOnlySpan<int> rows, int maxLength, int vocabularySize, Device device, int eventTypeCount = 0)
    {
        var order = LongestFirst(sequences, rows, maxLength);
        var steps = Math.Min(sequences[order[0]].Length, maxLength);
        const int featureCount = EncodedSequence.FeatureCount;
        var tokens = new long[order.Length * steps];
        var types = new long[eventTypeCount > 0 ? order.Length * steps : 0];
        var features = new float[order.Length * steps * featureCount];
        var lengths = new long[order.Length];
        for (var row = 0; row < order.Length; row++)
        {
            var sequence = sequences[order[row]];
            var length = Math.Min(sequence.Length, maxLength);
            var skip = sequence.Length - length;
            lengths[row] = length;
            var ids = sequence.TokenIds.AsSpan(skip, length);
            var tokenRow = tokens.AsSpan(row * steps, length);
            for (var t = 0; t < length; t++)
            {
                var id = ids[t];
                tokenRow[t] = (uint)id < (uint)vocabularySize ? id : Vocabulary.UnknownId;
            }

            if (eventTypeCount > 0)
            {
                var typeRow = types.AsSpan(row * steps, length);
                for (var t = 0; t < length; t++)
                {
                    var id = sequence.TypeIds is { } typeIds ? typeIds[skip + t] : EventTypeVocabulary.OtherId;
                    typeRow[t] = id > EventTypeVocabulary.PadId && id < eventTypeCount ? id : EventTypeVocabulary.OtherId;
                }
            }

            sequence.Features.AsSpan(skip * featureCount, length * featureCount)
                .CopyTo(features.AsSpan(row * steps * featureCount));
        }

        return new SequenceBatch(
            order,
            tensor(tokens, [order.Length, steps], device: device),
            eventTypeCount > 0 ? tensor(types, [order.Length, steps], device: device) : empty([0], int64),
            tensor(features, [order.Length, steps, featureCount], device: device),
            tensor(lengths, [order.Length]));
    }

    /// <summary>
    /// The rows in the order <see cref="Create"/> puts them: longest first (lengths capped at
    /// <paramref name="maxLength"/>), equal lengths in the caller's order, so the result does not depend on the sort
    /// algorithm. Rows already in this order stay in it, which lets a batch be cut into parts that are batches too.
    /// </summary>
    public static int[] LongestFirst(IReadOnlyList<EncodedSequence> sequences, ReadOnlySpan<int> rows, int maxLength)
    {
        var count = rows.Length;
        var lengthAt = new int[count];
        var positions = new int[count];
        for (var i = 0; i < count; i++)
        {
            lengthAt[i] = Math.Min(sequences[rows[i]].Length, maxLength);
            positions[i] = i;
        }

        Array.Sort(positions, (a, b) => lengthAt[a] != lengthAt[b] ? lengthAt[b].CompareTo(lengthAt[a]) : a.CompareTo(b));
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = rows[positions[i]];
        }

        return order;
    }
}
