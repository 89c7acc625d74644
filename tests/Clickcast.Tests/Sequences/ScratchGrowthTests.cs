using Clickcast.Sequences;

namespace Clickcast.Tests.Sequences;

public sealed class ScratchGrowthTests
{
    [Theory]
    [InlineData(0, 0, 0)] // nothing needed, nothing held
    [InlineData(0, 1_000, 1_000)] // first allocation: exactly what is needed
    [InlineData(1_000, 900, 1_000)] // fits: kept
    [InlineData(1_000, 1_000, 1_000)] // fits exactly: kept
    [InlineData(1_000, 1_001, 1_125)] // a little more: an eighth more, so the next few percent fit too
    [InlineData(1_000, 1_100, 1_125)]
    [InlineData(1_000, 1_500, 1_500)] // much more: exactly what is needed
    [InlineData(1_000_000, 1_000_001, 1_125_000)] // never doubles (the column buffers' old rule gave 2,000,000)
    [InlineData(2_000_000_000, 2_000_000_001, 2_147_483_591)] // never past the largest array
    public void Capacity_GrowsToTheNeedOrAnEighthMore(int current, int needed, int expected) =>
        Assert.Equal(expected, ScratchGrowth.Capacity(current, needed));

    [Fact]
    public void RentBuffer_ThroughShardsOfSlightlyGrowingSize_ReplacesTheArraysOnce()
    {
        // Sixteen shards, each 0.5 % larger than the one before (in a real update the sizes vary by about that
        // much): growing to exactly each new size replaced the arrays (and their large-object garbage) 15 times.
        var scratch = new BuildScratch();
        var capacities = new HashSet<int>();
        for (var shard = 0; shard < 16; shard++)
        {
            var buffer = scratch.RentBuffer(1_000_000 + (shard * 5_000));
            capacities.Add(buffer.Capacity);
            scratch.Return(buffer);
        }

        Assert.Equal(2, capacities.Count);
    }
}
