using Clickcast.Events;

namespace Clickcast.Tests.Events;

public sealed class ClientShardTests
{
    [Theory]
    [InlineData(0UL, 1, 0)]
    [InlineData(ulong.MaxValue, 1, 0)]
    [InlineData(0x7FFF_FFFF_FFFF_FFFFUL, 2, 0)]
    [InlineData(0x8000_0000_0000_0000UL, 2, 1)]
    [InlineData(0x4000_0000_0000_0000UL, 4, 1)]
    [InlineData(0xC000_0000_0000_0000UL, 4, 3)]
    [InlineData(ulong.MaxValue, 1024, 1023)]
    public void Of_TopBitsOfTheHash(ulong hash, int shards, int expected) =>
        Assert.Equal(expected, ClientShard.Of(hash, shards));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(2048)]
    [InlineData(-4)]
    public void Of_NotAPowerOfTwoUpToTheCap_Refused(int shards)
    {
        Assert.False(ClientShard.IsValidCount(shards));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientShard.Of(1UL, shards));
    }

    [Fact]
    public void Range_ShardsTileTheHashSpaceInOrder_AndEveryHashFallsInItsShardsRange()
    {
        const int shards = 8;
        var next = 0UL;
        for (var shard = 0; shard < shards; shard++)
        {
            var (first, last) = ClientShard.Range(shard, shards);
            Assert.Equal(next, first);
            Assert.Equal(shard, ClientShard.Of(first, shards));
            Assert.Equal(shard, ClientShard.Of(last, shards));
            next = last + 1;
        }

        Assert.Equal(0UL, next); // wrapped: the last range ends at ulong.MaxValue
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var id = $"client-{random.Next()}";
            var shard = ClientShard.Of(id, shards);
            var (first, last) = ClientShard.Range(shard, shards);
            var hash = ClientHash.Of(id);
            Assert.InRange(hash, first, last);
        }
    }

    [Fact]
    public void Of_DoublingTheCount_SplitsEachShardInTwo()
    {
        var random = new Random(11);
        for (var i = 0; i < 1000; i++)
        {
            var hash = (ulong)random.NextInt64() * 2 + (ulong)random.Next(2);
            Assert.Equal(ClientShard.Of(hash, 4), ClientShard.Of(hash, 8) / 2);
        }
    }
}
