using Clickcast.Labels;

namespace Clickcast.Tests.Labels;

/// <summary>The pooled chains store events narrow when they fit and wide when not, and read back exactly either way.</summary>
public sealed class EventChunkTests
{
    private const long Cutoff = 1_792_540_799_000_000; // 2026-10-21 23:59:59 UTC, in microseconds

    [Fact]
    public void Add_WholeMillisecondsBeforeTheCutoff_AreStoredNarrowAndReadBackExactly()
    {
        var chains = new ExampleChains(chunkEvents: 4, latestMicros: Cutoff);
        long[] first = [Cutoff - (uint.MaxValue * 1000L), Cutoff - 86_400_000_000, Cutoff - 1000];
        long[] second = [Cutoff - 5_000, Cutoff];

        var a = chains.Add(["/a", "/b", "/c"], first, ["view", "view", "cart"], null);
        var b = chains.Add(["/c", "/d"], second, ["buy", "view"], null);

        Assert.Equal(2, chains.ChunkCount);
        Assert.Equal(0, chains.WideIdChunks);
        Assert.Equal(0, chains.WideTimeChunks);
        Assert.Equal(first, a.TimeList);
        Assert.Equal(second, b.TimeList);
        Assert.Equal(["/a", "/b", "/c"], a.Urls);
        Assert.Equal(["buy", "view"], b.Types);
        Assert.Equal(Cutoff, b.LastTime);
    }

    [Fact]
    public void Add_AMicrosecondTime_GoesToAWideChunkAndReadsBackExactly()
    {
        var chains = new ExampleChains(chunkEvents: 8, latestMicros: Cutoff);
        var narrow = chains.Add(["/a"], [Cutoff - 2000], ["view"], null);

        var wide = chains.Add(["/b", "/c"], [Cutoff - 1001, Cutoff - 7], ["view", "view"], null);
        var after = chains.Add(["/d"], [Cutoff - 3000], ["view"], null);

        Assert.Equal(1, chains.WideTimeChunks);
        Assert.Equal([Cutoff - 2000], narrow.TimeList);
        Assert.Equal([Cutoff - 1001, Cutoff - 7], wide.TimeList);
        Assert.Equal([Cutoff - 3000], after.TimeList);
    }

    [Fact]
    public void Add_ATimeBeyondTheNarrowSpan_GoesToAWideChunkAndReadsBackExactly()
    {
        var chains = new ExampleChains(chunkEvents: 8, latestMicros: Cutoff);
        var tooOld = Cutoff - ((uint.MaxValue + 1L) * 1000);

        var chain = chains.Add(["/a", "/b"], [tooOld, Cutoff], ["view", "view"], null);

        Assert.Equal(1, chains.WideTimeChunks);
        Assert.Equal([tooOld, Cutoff], chain.TimeList);
    }

    [Fact]
    public void Add_WithoutACutoff_CentresTheNarrowSpanOnTheChunksFirstEvent()
    {
        var chains = new ExampleChains(chunkEvents: 8);
        long[] times = [Cutoff, Cutoff + (((1L << 31) - 1) * 1000)];
        long[] earlier = [Cutoff - ((1L << 31) * 1000)];

        var chain = chains.Add(["/a", "/b"], times, ["view", "view"], null);
        var before = chains.Add(["/c"], earlier, ["view"], null);

        Assert.Equal(0, chains.WideTimeChunks);
        Assert.Equal(times, chain.TimeList);
        Assert.Equal(earlier, before.TimeList);
    }

    [Fact]
    public void Add_MoreThan65536Strings_StoresLaterIdsWideAndReadsEveryChainBackExactly()
    {
        var chains = new ExampleChains(chunkEvents: 1 << 17, latestMicros: Cutoff);
        var early = chains.Add(["/a", "/b"], [Cutoff - 2000, Cutoff - 1000], ["view", "cart"], null);
        var urls = Enumerable.Range(0, 70_000).Select(i => $"/p{i}").ToArray();
        var times = Enumerable.Repeat(Cutoff, urls.Length).ToArray();
        var types = Enumerable.Repeat("view", urls.Length).ToArray();

        var big = chains.Add(urls, times, types, null);
        var late = chains.Add(["/p69999", "/a"], [Cutoff - 1000, Cutoff], ["cart", "view"], null);

        Assert.True(chains.Strings.Count > ushort.MaxValue + 1);
        Assert.Equal(1, chains.WideIdChunks);
        Assert.Equal(["/a", "/b"], early.Urls);
        Assert.Equal(["view", "cart"], early.Types);
        Assert.Equal(urls, big.Urls);
        Assert.Equal(["/p69999", "/a"], late.Urls);
        Assert.Equal(["cart", "view"], late.Types);
    }

    [Fact]
    public void TimeAt_OutsideTheChain_IsRefusedRatherThanANeighboursTime()
    {
        var chains = new ExampleChains(latestMicros: Cutoff);
        var first = chains.Add(["/a"], [Cutoff - 1000], ["view"], null);
        chains.Add(["/b"], [Cutoff], ["view"], null);

        Assert.Throws<ArgumentOutOfRangeException>(() => first.TimeAt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => first.UrlAt(-1));
    }
}
