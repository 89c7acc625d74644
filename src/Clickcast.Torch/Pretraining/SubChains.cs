using Clickcast.Training;

namespace Clickcast.Torch.Pretraining;

/// <summary>CoLES's augmentation: a random contiguous slice of a client's chain.</summary>
internal static class SubChains
{
    /// <summary>
    /// A slice of <paramref name="chain"/> whose length is uniform in [min, max] (both capped at the chain's length)
    /// and whose start is uniform over the places it fits. Token, type and time-feature arrays are sliced alike.
    /// </summary>
    public static EncodedSequence Sample(EncodedSequence chain, int min, int max, Random random)
    {
        var lower = Math.Min(min, chain.Length);
        var upper = Math.Min(max, chain.Length);
        var length = random.Next(lower, upper + 1);
        var start = random.Next(0, chain.Length - length + 1);
        const int width = EncodedSequence.FeatureCount;
        return new EncodedSequence(
            chain.TokenIds.AsSpan(start, length).ToArray(),
            chain.Features.AsSpan(start * width, length * width).ToArray(),
            chain.TypeIds?.AsSpan(start, length).ToArray());
    }
}
