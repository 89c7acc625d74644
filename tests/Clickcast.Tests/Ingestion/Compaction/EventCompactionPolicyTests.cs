using Clickcast.Ingestion;

namespace Clickcast.Tests.Ingestion.Compaction;

public sealed class EventCompactionPolicyTests
{
    private const long R = EventCompactionPolicy.TargetRows;

    [Theory]
    [InlineData(0, false)]
    [InlineData(16, false)]
    [InlineData(17, true)]
    [InlineData(288, true)]
    public void NeedsCompaction_MoreThanTheTrigger(int uncompacted, bool expected) =>
        Assert.Equal(expected, EventCompactionPolicy.NeedsCompaction(uncompacted));

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(1, 0, false)]
    [InlineData(0, 1, false)]
    [InlineData(1, 1, true)]
    [InlineData(17, 0, true)]
    public void Merges_AtLeastTwoFiles(int uncompacted, int small, bool expected) =>
        Assert.Equal(expected, EventCompactionPolicy.Merges(uncompacted, small));

    [Theory]
    [InlineData(new long[] { }, "")]
    [InlineData(new long[] { 5, 5, 5 }, "0,1,2")]
    [InlineData(new long[] { R, 1 }, "0|1")]
    [InlineData(new long[] { R - 1, 1, 1 }, "0,1|2")]
    [InlineData(new long[] { 3 * R, 1, R - 1, 2 }, "0|1,2|3")]
    public void Pack_ClosesAnOutputOnceItHoldsR_OnlyTheLastSmaller(long[] rows, string expected)
    {
        var packs = EventCompactionPolicy.Pack(rows);

        Assert.Equal(expected, string.Join('|', packs.Select(p => string.Join(',', p))));
    }
}
