using Clickcast.Pipeline.Jobs;

namespace Clickcast.Tests.Pipeline.Jobs;

public sealed class MemoryReleaseTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(0L, 0, false)]
    [InlineData(1L, 0, true)]
    [InlineData(256 * MiB, 256, false)]
    [InlineData((256 * MiB) + 1, 256, true)]
    [InlineData(10_000 * MiB, 1024 * 1024, false)]
    public void IsDue_ReleasesOnlyAboveTheThreshold(long committed, int thresholdMiB, bool due) =>
        Assert.Equal(due, MemoryRelease.IsDue(committed, thresholdMiB));
}
