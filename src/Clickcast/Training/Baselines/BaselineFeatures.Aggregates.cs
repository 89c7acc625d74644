namespace Clickcast.Training.Baselines;

public sealed partial class BaselineFeatures
{
    private const double MicrosPerHour = 3.6e9;

    /// <summary>Recency of a type the chain never had: as if a year ago.</summary>
    private const double AbsentHours = 24 * 365;

    /// <summary>
    /// Features of an observed chain under <paramref name="layout"/>: the legacy ones, then the aggregate columns
    /// (<see cref="AggregateLayout.Names"/>); hashed token × type pairs are sparse ids after the vocabulary's.
    /// </summary>
    public static BaselineFeatures Of(IReadOnlyList<string> urls, IReadOnlyList<long> timesMicros, IReadOnlyList<string> eventTypes, Vocabulary vocabulary, AggregateLayout layout, long asOfMicros)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        ArgumentNullException.ThrowIfNull(layout);
        var legacy = Of(urls, timesMicros, vocabulary, asOfMicros);
        var n = urls.Count;
        var types = layout.TypeCount;
        var counts = new int[types];
        var last = new long[types];
        var hours = new int[AggregateLayout.HourBuckets];
        var days = new int[7];
        var pairs = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            var type = layout.TypeIndex(i < eventTypes.Count ? eventTypes[i] : null);
            counts[type]++;
            last[type] = timesMicros[i];
            var moment = DateTimeOffset.FromUnixTimeMilliseconds(timesMicros[i] / 1000);
            hours[moment.Hour * AggregateLayout.HourBuckets / 24]++;
            days[(int)moment.DayOfWeek]++;
            if (layout.PairBuckets > 0)
            {
                var bucket = vocabulary.Count + PairBucket(vocabulary.IdOf(urls[i]), type, layout.PairBuckets);
                pairs[bucket] = pairs.GetValueOrDefault(bucket) + 1;
            }
        }

        var dense = new List<float>(legacy.Dense.Length + (3 * types) + 14);
        dense.AddRange(legacy.Dense);
        for (var t = 0; t < types; t++)
        {
            var since = counts[t] == 0 ? AbsentHours : Math.Max(0, asOfMicros - last[t]) / MicrosPerHour;
            dense.Add((float)Math.Log(1 + counts[t]));
            dense.Add(counts[t] / (float)n);
            dense.Add((float)Math.Log(1 + since));
        }

        dense.Add((float)Math.Log(1 + (Math.Max(0, asOfMicros - timesMicros[0]) / MicrosPerHour)));
        dense.AddRange(hours.Select(h => h / (float)n));
        dense.AddRange(days.Select(d => d / (float)n));

        var pairIds = pairs.Keys.Order().ToArray();
        int[] ids = [.. legacy.TokenIds, .. pairIds];
        float[] values = [.. legacy.TokenValues, .. pairIds.Select(id => (float)Math.Log(1 + pairs[id]))];
        return new BaselineFeatures(ids, values, [.. dense]);
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
