using Clickcast.Training;

namespace Clickcast.Tests.Training;

public sealed class VocabularyTests
{
    private static Dictionary<string, long> Counts(params (string Token, long Count)[] counts) => counts.ToDictionary(c => c.Token, c => c.Count);

    [Fact]
    public void Build_OrdersByFrequencyAfterReservedIds()
    {
        var vocabulary = Vocabulary.Build(Counts(("b", 5), ("a", 9), ("c", 5), ("rare", 1)), minCount: 2, maxSize: 100);

        Assert.Equal(["<pad>", "<unk>", "a", "b", "c"], vocabulary.Tokens);
        Assert.Equal(Vocabulary.UnknownId, vocabulary.IdOf("rare"));
        Assert.Equal(2, vocabulary.IdOf("a"));
    }

    [Fact]
    public void Build_MaxSize_CountsReservedIds()
    {
        var vocabulary = Vocabulary.Build(Counts(("a", 9), ("b", 5), ("c", 4)), minCount: 1, maxSize: 4);

        Assert.Equal(["<pad>", "<unk>", "a", "b"], vocabulary.Tokens);
    }

    [Fact]
    public void Grow_KeepsExistingIdsAndAppendsNewTokens()
    {
        var old = Vocabulary.Build(Counts(("a", 9), ("b", 5)), 1, 100);

        var grown = old.Grow(Counts(("z", 100), ("a", 1), ("b", 1), ("y", 50)), 1, 100);

        Assert.Equal(old.IdOf("a"), grown.IdOf("a"));
        Assert.Equal(old.IdOf("b"), grown.IdOf("b"));
        Assert.Equal(["<pad>", "<unk>", "a", "b", "z", "y"], grown.Tokens);
    }

    [Fact]
    public void FromTokens_RoundTripsAndHashIsStable()
    {
        var vocabulary = Vocabulary.Build(Counts(("a", 9), ("b", 5)), 1, 100);

        var restored = Vocabulary.FromTokens(vocabulary.Tokens);

        Assert.Equal(vocabulary.Tokens, restored.Tokens);
        Assert.Equal(vocabulary.Hash(), restored.Hash());
        Assert.NotEqual(vocabulary.Hash(), vocabulary.Grow(Counts(("c", 1)), 1, 100).Hash());
    }

    [Fact]
    public void FromTokens_Duplicates_Rejected() =>
        Assert.Throws<ArgumentException>(() => Vocabulary.FromTokens(["<pad>", "<unk>", "a", "a"]));

    [Fact]
    public void Encode_KeepsLastStepsAndComputesTimeFeatures()
    {
        var vocabulary = Vocabulary.Build(Counts(("a", 1), ("b", 1)), 1, 10);
        // 2026-11-02 is a Monday; 06:00 and 06:01 UTC.
        var monday6 = new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        string[] urls = ["old", "a", "b"];
        long[] times = [monday6 - 3_600_000_000, monday6, monday6 + 60_000_000];

        var encoded = SequenceEncoder.Encode(urls, times, 3, vocabulary, maxLength: 2, asOfMicros: monday6 + 3_600_000_000);

        Assert.Equal([vocabulary.IdOf("a"), vocabulary.IdOf("b")], encoded.TokenIds);
        Assert.Equal(0f, encoded.Features[0]);                          // first kept step: no predecessor in view
        Assert.Equal((float)Math.Log(2), encoded.Features[5], 5);       // judged 1 h after the first kept step
        Assert.Equal((float)Math.Log(61), encoded.Features[6], 5);      // second step: 60 s after the first
        Assert.Equal(1f, encoded.Features[1], 5);                       // sin(2π·6/24) = 1
        Assert.Equal(0f, encoded.Features[2], 5);                       // cos(2π·6/24) = 0
        Assert.Equal((float)Math.Sin(2 * Math.PI * 1 / 7), encoded.Features[3], 5); // Monday = 1 (Sunday = 0)
    }
}
