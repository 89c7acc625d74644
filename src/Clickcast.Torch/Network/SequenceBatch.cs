using Clickcast.Training;
using static TorchSharp.torch;

namespace Clickcast.Torch.Network;

/// <summary>
/// Chains collated into right-padded tensors, longest first (packing needs that order; gathering does not mind).
/// Tensors belong to the dispose scope open when the batch is made.
/// </summary>
internal sealed class SequenceBatch
{
    private SequenceBatch(int[] order, Tensor tokens, Tensor features, Tensor lengths)
    {
        Order = order;
        Tokens = tokens;
        Features = features;
        Lengths = lengths;
    }

    /// <summary>Row i of the tensors holds the sequence at index Order[i] of the source list.</summary>
    public int[] Order { get; }

    public Tensor Tokens { get; }

    public Tensor Features { get; }

    /// <summary>True lengths after truncation, on the CPU.</summary>
    public Tensor Lengths { get; }

    /// <summary>
    /// Collates the given rows. Chains longer than <paramref name="maxLength"/> keep their most recent steps; ids
    /// outside the vocabulary (a chain encoded with a newer, larger vocabulary) read as <see cref="Vocabulary.UnknownId"/>.
    /// </summary>
    public static SequenceBatch Create(
        IReadOnlyList<EncodedSequence> sequences, ReadOnlySpan<int> rows, int maxLength, int vocabularySize, Device device)
    {
        var count = rows.Length;
        var lengthAt = new int[count];
        for (var i = 0; i < count; i++)
        {
            lengthAt[i] = Math.Min(sequences[rows[i]].Length, maxLength);
        }

        // Longest first; equal lengths keep the caller's (shuffled) order, so the result does not depend on the
        // sort algorithm.
        var positions = new int[count];
        for (var i = 0; i < count; i++)
        {
            positions[i] = i;
        }

        Array.Sort(positions, (a, b) => lengthAt[a] != lengthAt[b] ? lengthAt[b].CompareTo(lengthAt[a]) : a.CompareTo(b));
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = rows[positions[i]];
        }

        var steps = lengthAt[positions[0]];
        const int featureCount = EncodedSequence.FeatureCount;
        var tokens = new long[order.Length * steps];
        var features = new float[order.Length * steps * featureCount];
        var lengths = new long[order.Length];
        for (var row = 0; row < order.Length; row++)
        {
            var sequence = sequences[order[row]];
            var length = lengthAt[positions[row]];
            var skip = sequence.Length - length;
            lengths[row] = length;
            var ids = sequence.TokenIds.AsSpan(skip, length);
            var tokenRow = tokens.AsSpan(row * steps, length);
            for (var t = 0; t < length; t++)
            {
                var id = ids[t];
                tokenRow[t] = (uint)id < (uint)vocabularySize ? id : Vocabulary.UnknownId;
            }

            sequence.Features.AsSpan(skip * featureCount, length * featureCount)
                .CopyTo(features.AsSpan(row * steps * featureCount));
        }

        return new SequenceBatch(
            order,
            tensor(tokens, [order.Length, steps], device: device),
            tensor(features, [order.Length, steps, featureCount], device: device),
            tensor(lengths, [order.Length]));
    }
}
