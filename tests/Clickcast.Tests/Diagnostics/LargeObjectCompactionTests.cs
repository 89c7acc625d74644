using Clickcast.Diagnostics;

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
    }
}
