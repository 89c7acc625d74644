using Clickcast.Training;
using Clickcast.Training.Baselines;

namespace Clickcast.Tests.Training.Baselines;

/// <summary>
/// The reused feature buffer computes, bit for bit, what the features computed with a dictionary and fresh arrays per
/// chain (the implementation before it, kept below as the reference): a model's rows and scores stay the same.
/// </summary>
public sealed class BaselineFeatureBufferTests
{
    private const long Hour = 3_600_000_000L;
    private const long Start = 1_793_577_600_000_000L; // 2026-11-02 00:00 UTC

    private static readonly Vocabulary Words = Vocabulary.FromTokens(["<pad>", "<unk>", "a", "b", "c", "d"]);
    private static readonly string[] Tokens = ["a", "b", "c", "d", "e", "f"];
    private static readonly string[] Types = ["view", "cart", "buy", "refund"];

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void Compute_ManyChainsThroughOneBuffer_EqualsTheReferenceBitForBit(int pairBuckets)
    {
        var layout = AggregateLayout.Build(new Dictionary<string, long> { ["view"] = 10, ["cart"] = 5, ["buy"] = 1 }, pairBuckets);
        const int MaxLength = 12;
        var buffer = new BaselineFeatureBuffer(Words, layout, MaxLength);
        var legacy = new BaselineFeatureBuffer(Words, layout: null, MaxLength);
        var random = new Random(7);
        for (var c = 0; c < 300; c++)
        {
            var (urls, times, types, asOf) = Chain(random);
            var input = new ModelInput(urls, times, asOf, types);

            buffer.Compute(input);
            legacy.Compute(input);

            var expected = ReferenceWindow(urls, times, types, layout, MaxLength, asOf);
            Assert.Equal(expected.Ids, buffer.TokenIds.ToArray());
            Assert.Equal(expected.Values, buffer.TokenValues.ToArray());
            Assert.Equal(expected.Dense, buffer.Dense.ToArray());
            var expectedLegacy = ReferenceWindow(urls, times, types, layout: null, MaxLength, asOf);
            Assert.Equal(expectedLegacy.Ids, legacy.TokenIds.ToArray());
            Assert.Equal(expectedLegacy.Values, legacy.TokenValues.ToArray());
            Assert.Equal(expectedLegacy.Dense, legacy.Dense.ToArray());
        }
    }

    [Fact]
    public void Compute_FewerTypesThanEvents_CountsTheRestAsOther()
    {
        var layout = AggregateLayout.Build(new Dictionary<string, long> { ["view"] = 10 }, pairBuckets: 8);
        var buffer = new BaselineFeatureBuffer(Words, layout, maxLength: 100);
        string[] urls = ["a", "b", "a"];
        long[] times = [Start, Start + Hour, Start + (2 * Hour)];
        string[] types = ["view"];

        buffer.Compute(new ModelInput(urls, times, Start + (3 * Hour), types));

        var expected = ReferenceWindow(urls, times, types, layout, 100, Start + (3 * Hour));
        Assert.Equal(expected.Ids, buffer.TokenIds.ToArray());
        Assert.Equal(expected.Values, buffer.TokenValues.ToArray());
        Assert.Equal(expected.Dense, buffer.Dense.ToArray());
    }

    private static (string[] Urls, long[] Times, string[] Types, long AsOf) Chain(Random random)
    {
        var length = 1 + random.Next(30);
        var urls = new string[length];
        var times = new long[length];
        var types = new string[length];
        var time = Start + random.NextInt64(30 * 24 * Hour);
        for (var i = 0; i < length; i++)
        {
            urls[i] = Tokens[random.Next(Tokens.Length)];
            types[i] = Types[random.Next(Types.Length)];
            time += random.NextInt64(3 * 24 * Hour);
            times[i] = time;
        }

        return (urls, times, types, time + random.NextInt64(10 * 24 * Hour));
    }

    /// <summary>The features as computed before the buffer: the latest events copied, a dictionary per chain.</summary>
    private static (int[] Ids, float[] Values, float[] Dense) ReferenceWindow(string[] allUrls, long[] allTimes, string[] allTypes, AggregateLayout? layout, int maxLength, long asOfMicros)
    {
        var from = Math.Max(0, allUrls.Length - maxLength);
        var urls = allUrls.Skip(from).ToArray();
        var timesMicros = allTimes.Skip(from).ToArray();
        var eventTypes = allTypes.Skip(from).ToArray();
        var vocabulary = Words;
        var counts = new Dictionary<int, int>();
        foreach (var url in urls)
        {
            var id = vocabulary.IdOf(url);
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var ids = counts.Keys.Order().ToArray();
        var values = ids.Select(id => (float)Math.Log(1 + counts[id])).ToArray();
        var n = urls.Length;
        var last = timesMicros[n - 1];
        var first = timesMicros[0];
        int lastDay = 0, lastWeek = 0;
        for (var i = n - 1; i >= 0 && asOfMicros - timesMicros[i] <= 7 * 86_400_000_000L; i--)
        {
            lastWeek++;
            if (asOfMicros - timesMicros[i] <= 86_400_000_000L)
            {
                lastDay++;
            }
        }

        var repeats = urls.Count(u => u == urls[n - 1]) / (float)n;
        float[] legacyDense =
        [
            (float)Math.Log(1 + n),
            (float)Math.Log(1 + counts.Count),
            (float)Math.Log(1 + (Math.Max(0, asOfMicros - last) / 3.6e9)),
            (float)Math.Log(1 + ((last - first) / 3.6e9)),
            (float)Math.Log(1 + lastDay),
            (float)Math.Log(1 + lastWeek),
            repeats,
        ];
        if (layout is null)
        {
            return (ids, values, legacyDense);
        }

        var types = layout.TypeCount;
        var typeCounts = new int[types];
        var lastOf = new long[types];
        var hours = new int[6];
        var days = new int[7];
        var pairs = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            var type = layout.TypeIndex(i < eventTypes.Length ? eventTypes[i] : null);
            typeCounts[type]++;
            lastOf[type] = timesMicros[i];
            var moment = DateTimeOffset.FromUnixTimeMilliseconds(timesMicros[i] / 1000);
            hours[moment.Hour * 6 / 24]++;
            days[(int)moment.DayOfWeek]++;
            if (layout.PairBuckets > 0)
            {
                var bucket = vocabulary.Count + BaselineFeatures.PairBucket(vocabulary.IdOf(urls[i]), type, layout.PairBuckets);
                pairs[bucket] = pairs.GetValueOrDefault(bucket) + 1;
            }
        }

        var dense = new List<float>(legacyDense);
        for (var t = 0; t < types; t++)
        {
            var since = typeCounts[t] == 0 ? 24 * 365 : Math.Max(0, asOfMicros - lastOf[t]) / 3.6e9;
            dense.Add((float)Math.Log(1 + typeCounts[t]));
            dense.Add(typeCounts[t] / (float)n);
            dense.Add((float)Math.Log(1 + since));
        }

        dense.Add((float)Math.Log(1 + (Math.Max(0, asOfMicros - timesMicros[0]) / 3.6e9)));
        dense.AddRange(hours.Select(h => h / (float)n));
        dense.AddRange(days.Select(d => d / (float)n));
        var pairIds = pairs.Keys.Order().ToArray();
        return ([.. ids, .. pairIds], [.. values, .. pairIds.Select(id => (float)Math.Log(1 + pairs[id]))], [.. dense]);
    }
}
