using Clickcast.Ingestion;

namespace Clickcast.Tests.Ingestion;

/// <summary>An ingest asks for a collection when the heap after the last one is over its budget, and only then.</summary>
public sealed class IngestHeapTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(0, 146 * MiB, false)]
    [InlineData(146 * MiB, 146 * MiB, false)]
    [InlineData((146 * MiB) + 1, 146 * MiB, true)]
    [InlineData(400 * MiB, 146 * MiB, true)]
    [InlineData(400 * MiB, 18_688 * MiB, false)]
    public void IsDue_OnlyAboveTheBudget(long heapBytes, long budgetBytes, bool expected) =>
        Assert.Equal(expected, IngestHeap.IsDue(heapBytes, budgetBytes));

    [Fact]
    public void IsDue_ZeroBudget_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IngestHeap.IsDue(1, 0));

    [Theory]
    [InlineData(100, 99, 1)]
    [InlineData(100, 100, 0)]
    public void CollectIfOver_CollectsOnlyWhenDue(long heapBytes, long budgetBytes, int expected)
    {
        var collections = 0;
        var heap = new IngestHeap(() => heapBytes, () => collections++);

        Assert.Equal(expected == 1, heap.CollectIfOver(budgetBytes));
        Assert.Equal(expected, collections);
    }

    [Fact]
    public void DefaultBudget_TwoFilesAtOnce_Is146MiB()
    {
        // 262,144 events × 36 bytes + 32 Mi characters × 2 bytes = 73 MiB per file: the budget that brought the two
        // largest files of a 100M generation back to 274 MiB peak (docs/benchmarks.md, "Ingest heap").
        Assert.Equal(146 * MiB, 2 * EventBufferBudget.Default.HeapBytes);
    }
}
