using Clickcast.Diagnostics;
using Clickcast.Scoring;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Diagnostics;

public sealed class LargeObjectCompactionTests
{
    [Theory]
    [InlineData(0L, 0L, true)]
    [InlineData(100L, 0L, true)]
    [InlineData(100L, 100L, true)]
    [InlineData(99L, 100L, false)]
    [InlineData(LargeObjectCompaction.CollectEveryBytes - 1, LargeObjectCompaction.CollectEveryBytes, false)]
    [InlineData(3 * LargeObjectCompaction.CollectEveryBytes, 2 * LargeObjectCompaction.CollectEveryBytes, true)]
    public void IsDue_OnceTheAllocationsReachTheNextCollection(long allocated, long dueAt, bool due)
    {
        Assert.Equal(due, LargeObjectCompaction.IsDue(allocated, dueAt));
    }

    [Fact]
    public void IsDue_NegativeCounts_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LargeObjectCompaction.IsDue(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LargeObjectCompaction.IsDue(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LargeObjectCompaction(0));
    }

    [Fact]
    public void Tick_TheFirstCallOnlyStartsCounting_LaterOnesCollectWhenDue()
    {
        var compaction = new LargeObjectCompaction(collectEveryBytes: 1);

        compaction.Tick();
        var first = compaction.Collections;
        GC.KeepAlive(new byte[1 << 20]); // past the allocation context, so the process-wide count moves
        compaction.Tick();

        Assert.Equal(0, first);
        Assert.Equal(1, compaction.Collections);
    }

    [Fact]
    public async Task PredictionFiles_CollectOnlyForThePassThatAsksForIt()
    {
        using var folder = new TempFolder();
        var path = folder.File("three-row-groups.parquet");
        var asking = new LargeObjectCompaction(collectEveryBytes: 1);
        await using (var writer = await PredictionFileWriter.CreateAsync(path, asking, TestContext.Current.CancellationToken))
        {
            foreach (var row in Predictions.Make("acme", "buy-7d", (2 * PredictionFile.RowGroupSize) + 1))
            {
                await writer.AddAsync(row, TestContext.Current.CancellationToken);
            }
        }

        var written = asking.Collections;
        var plain = await PredictionFileReader.ReadAsync(path, TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken);
        var afterPlainRead = asking.Collections;
        var compacted = await PredictionFileReader.ReadAsync(path, asking, TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken);

        // Three row groups: the writer's first tick starts counting, its two others collect; the reader ticks three times.
        Assert.Equal(2, written);
        Assert.Equal(2, afterPlainRead);
        Assert.Equal(5, asking.Collections);
        Assert.Equal((2 * PredictionFile.RowGroupSize) + 1, plain);
        Assert.Equal(plain, compacted);
    }
}
