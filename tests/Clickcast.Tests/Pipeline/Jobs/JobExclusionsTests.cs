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
    [InlineData(JobKind.CompactEvents, JobExclusion.PerTenant)]
    public void Of_EachKind_IsItsClaimRule(JobKind kind, JobExclusion expected)
    {
        Assert.Equal(expected, JobExclusions.Of(kind));
    }

    [Theory]
    [InlineData(JobKind.CompactEvents, JobKind.Ingest, true)]
    [InlineData(JobKind.Ingest, JobKind.CompactEvents, true)]
    [InlineData(JobKind.CompactEvents, JobKind.Sequences, true)]
    [InlineData(JobKind.SequencesShard, JobKind.CompactEvents, true)]
    [InlineData(JobKind.CompactEvents, JobKind.SequencesCommit, true)]
    [InlineData(JobKind.Reshard, JobKind.CompactEvents, true)]
    [InlineData(JobKind.CompactEvents, JobKind.CompactEvents, false)] // the same kind: Of() decides (PerTenant)
    [InlineData(JobKind.CompactEvents, JobKind.Train, false)]
    [InlineData(JobKind.Score, JobKind.CompactEvents, false)]
    [InlineData(JobKind.Ingest, JobKind.Sequences, false)]
    public void Conflicts_CompactionExcludesWhatReadsOrWritesEvents(JobKind running, JobKind queued, bool expected)
    {
        Assert.Equal(expected, JobExclusions.Conflicts(running, queued));
    }
}
