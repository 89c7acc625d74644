using Clickcast.Training;
using Clickcast.Training.Baselines;

namespace Clickcast.Tests.Training.Baselines;

public sealed class AggregateLayoutTests
{
    private const long Hour = 3_600_000_000L;
    private const long Monday = 1_793_577_600_000_000L; // 2026-11-02 00:00 UTC, a Monday

    [Fact]
    public void Build_ManyTypes_KeepsTheMostFrequent32AndTheRestAreOther()
    {
        var counts = Enumerable.Range(0, 40).ToDictionary(i => "t" + i, i => (long)(100 - i));

        var layout = AggregateLayout.Build(counts);

        Assert.Equal(AggregateLayout.MaxEventTypes, layout.EventTypes.Count);
        Assert.Equal("t0", layout.EventTypes[0]);
        Assert.Equal(0, layout.TypeIndex("t0"));
        Assert.Equal(32, layout.TypeIndex("t35"));
        Assert.Equal(32, layout.TypeIndex("never-seen"));
        Assert.Equal(32, layout.TypeIndex(null));
    }

    [Fact]
    public void Of_ChainOfViewsAndACart_CountsSharesRecencyTenureAndActivity()
    {
        var layout = AggregateLayout.Build(new Dictionary<string, long> { ["view"] = 10, ["cart"] = 5 }, pairBuckets: 16);
        var vocabulary = Vocabulary.FromTokens(["<pad>", "<unk>", "a", "b"]);
        string[] urls = ["a", "b", "a", "zzz"];
        long[] times = [Monday + (1 * Hour), Monday + (2 * Hour), Monday + (13 * Hour), Monday + (25 * Hour)];
        string[] types = ["view", "view", "cart", "refund"];
        var asOf = Monday + (27 * Hour);

        var features = BaselineFeatures.Of(urls, times, types, vocabulary, layout, asOf);

        var names = BaselineFeatures.DenseNames.Concat(layout.Names).ToList();
        Assert.Equal(names.Count, features.Dense.Length);
        float Value(string name) => features.Dense[names.IndexOf(name)];
        Assert.Equal((float)Math.Log(3), Value("log_count[view]"), 5);
        Assert.Equal(0.5f, Value("share[view]"), 5);
        Assert.Equal(0.25f, Value("share[cart]"), 5);
        Assert.Equal(0.25f, Value("share[(other)]"), 5);
        Assert.Equal((float)Math.Log(1 + 14), Value("log_hours_since[cart]"), 4);
        Assert.Equal((float)Math.Log(1 + 26), Value("log_tenure_hours"), 4);
        Assert.Equal(0.75f, Value("share_hour_00"), 5); // 01:00, 02:00 and Tuesday 01:00
        Assert.Equal(0.25f, Value("share_hour_12"), 5);
        Assert.Equal(0.75f, Value("share_Monday"), 5);
        Assert.Equal(0.25f, Value("share_Tuesday"), 5);

        // Token ids first, then the hashed token × type pairs after the vocabulary's ids.
        Assert.Equal([1, 2, 3], features.TokenIds.Where(id => id < vocabulary.Count));
        var pairs = features.TokenIds.Where(id => id >= vocabulary.Count).ToList();
        Assert.InRange(pairs.Count, 1, 4);
        Assert.All(pairs, id => Assert.InRange(id, vocabulary.Count, vocabulary.Count + 15));
    }
}
