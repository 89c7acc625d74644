using Clickcast.Pipeline.Jobs;

namespace Clickcast.Tests.Pipeline.Jobs;

public sealed class JobExclusionsTests
{
    [Theory]
    [InlineData(JobKind.Ingest, JobExclusion.None)]
    [InlineData(JobKind.Sequences, JobExclusion.PerTenant)]
    [InlineData(JobKind.Train, JobExclusion.PerTask)]
    [InlineData(JobKind.Score, JobExclusion.PerTask)]
    [InlineData(JobKind.Export, JobExclusion.PerTask)]
    [InlineData(JobKind.Backfill, JobExclusion.None)]
    public void Of_EachKind_IsItsClaimRule(JobKind kind, JobExclusion expected)
    {
        Assert.Equal(expected, JobExclusions.Of(kind));
    }
}
