using Clickcast.Sequences;

namespace Clickcast.Tests.Sequences;

public sealed class BuildScratchTests
{
    [Fact]
    public void RentBuffer_AfterAReturn_HandsTheSameBufferBackEmptyAndLargeEnough()
    {
        var scratch = new BuildScratch();
        var buffer = scratch.RentBuffer(capacity: 4);
        buffer.Add(1, "a", 10, "u", "t");
        scratch.Return(buffer);

        var again = scratch.RentBuffer(capacity: 100);

        Assert.Same(buffer, again);
        Assert.Equal(0, again.Count);
        Assert.True(again.Capacity >= 100);
    }

    [Fact]
    public void RentBuffer_WhileAnotherIsOut_GivesAFreshOne()
    {
        var scratch = new BuildScratch();
        var first = scratch.RentBuffer(capacity: 8);

        var second = scratch.RentBuffer(capacity: 8);

        Assert.NotSame(first, second);
    }

    [Fact]
    public void RentColumns_AfterAReturn_ReusesTheArraysWithoutTheLastRowGroupsStrings()
    {
        var scratch = new BuildScratch();
        var columns = scratch.RentColumns();
        columns.EnsureCapacity(3);
        columns.Urls[0] = "kept".AsMemory();
        columns.Ids[0] = "client";
        columns.Sources[0] = new SegmentEvents([1], ["u"], ["t"], null, 0, 1);
        columns.Clear(rows: 1, values: 3);
        scratch.Return(columns);

        var again = scratch.RentColumns();

        Assert.Same(columns, again);
        Assert.True(again.Urls[0].IsEmpty);
        Assert.Null(again.Ids[0]);
        Assert.Null(again.Sources[0].Urls);
    }
}
