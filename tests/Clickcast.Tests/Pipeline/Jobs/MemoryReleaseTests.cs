using Clickcast.Pipeline.Jobs;

namespace Clickcast.Tests.Pipeline.Jobs;

public sealed class MemoryReleaseTests
{
    private const long MiB = 1024 * 1024;
    private const int Off = 1024 * 1024;

    [Theory]
    // Above the threshold: released whoever grew it.
    [InlineData(0L, 513 * MiB, 512, Off, true)]
    [InlineData(600 * MiB, 600 * MiB, 512, Off, true)]
    [InlineData(0L, 512 * MiB, 512, Off, false)]
    [InlineData(0L, 1L, 0, Off, true)]
    [InlineData(0L, 0L, 0, Off, false)]
    // Grown by more than the allowance: released however small the heap (a training job's sample and features).
    [InlineData(200 * MiB, 495 * MiB, 512, 192, true)]
    [InlineData(35 * MiB, (35 + 192) * MiB, 512, 192, false)]
    [InlineData(35 * MiB, ((35 + 192) * MiB) + 1, 512, 192, true)]
    // Streaming jobs grow it a little, or shrink it: kept (no collection, no regrowth in the next job).
    [InlineData(110 * MiB, 182 * MiB, 512, 192, false)]
    [InlineData(300 * MiB, 270 * MiB, 512, 192, false)]
    [InlineData(300 * MiB, 270 * MiB, 512, 0, false)]
    [InlineData(300 * MiB, (300 * MiB) + 1, 512, 0, true)]
    // Both off.
    [InlineData(0L, 10_000 * MiB, Off, Off, false)]
    public void IsDue_ReleasesAboveTheThresholdOrAfterGrowingTheHeapByMoreThanTheAllowance(long start, long end, int aboveMiB, int growthMiB, bool due) =>
        Assert.Equal(due, MemoryRelease.IsDue(start, end, aboveMiB, growthMiB));

    [Fact]
    public void IsDue_NegativeBytesOrThresholds_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRelease.IsDue(-1, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRelease.IsDue(0, -1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRelease.IsDue(0, 0, -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRelease.IsDue(0, 0, 0, -1));
    }
}
