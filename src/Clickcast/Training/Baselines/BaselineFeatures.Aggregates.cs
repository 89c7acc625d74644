namespace Clickcast.Training.Baselines;

public sealed partial class BaselineFeatures
{
    /// <summary>
    /// Features of an observed chain under <paramref name="layout"/>: the legacy ones, then the aggregate columns
    /// (<see cref="AggregateLayout.Names"/>); hashed token × type pairs are sparse ids after the vocabulary's.
    /// </summary>
    public static BaselineFeatures Of(IReadOnlyList<string> urls, IReadOnlyList<long> timesMicros, IReadOnlyList<string> eventTypes, Vocabulary vocabulary, AggregateLayout layout, long asOfMicros)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(timesMicros);
        ArgumentNullException.ThrowIfNull(eventTypes);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(layout);
        var buffer = new BaselineFeatureBuffer(vocabulary, layout, maxLength: int.MaxValue);
        buffer.Compute(urls, timesMicros, eventTypes, asOfMicros);
        return buffer.ToFeatures();
    }

    /// <summary>A fixed mix of a token id and a type index (not <see cref="HashCode"/>: it differs per process).</summary>
    internal static int PairBucket(int tokenId, int typeIndex, int buckets)
    {
        var h = unchecked(((ulong)(uint)tokenId * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)typeIndex * 0xC2B2AE3D27D4EB4FUL));
        h ^= h >> 29;
        h = unchecked(h * 0xBF58476D1CE4E5B9UL);
        h ^= h >> 32;
        return (int)(h % (ulong)buckets);
    }
}
