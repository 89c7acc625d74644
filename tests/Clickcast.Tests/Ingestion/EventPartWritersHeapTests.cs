using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Testing;

namespace Clickcast.Tests.Ingestion;

/// <summary>The writers check the heap after each row group, against their buffers' bound times the files written at once.</summary>
public sealed class EventPartWritersHeapTests
{
    private static readonly EventBufferBudget Budget = new(Events: 4, Chars: 1L << 20);

    [Fact]
    public async Task WritePending_HeapOverTheBudget_CollectsAfterEachRowGroup()
    {
        // 10 events against 4: row groups at 4 and 8 events, and the last 2 at completion.
        var (collections, reported) = await WriteAsync(heapBytes: (2 * Budget.HeapBytes) + 1, filesAtOnce: 2, events: 10);

        Assert.Equal(3, collections);
        Assert.Equal(3, reported);
    }

    [Fact]
    public async Task WritePending_HeapAtTheBudgetOfAllFilesAtOnce_DoesNotCollect()
    {
        var (collections, reported) = await WriteAsync(heapBytes: 2 * Budget.HeapBytes, filesAtOnce: 2, events: 10);

        Assert.Equal(0, collections);
        Assert.Equal(0, reported);
    }

    private static async Task<(int Collections, int Reported)> WriteAsync(long heapBytes, int filesAtOnce, int events)
    {
        using var folder = new TempFolder();
        var collections = 0;
        var heap = new IngestHeap(() => heapBytes, () => collections++);
        await using var writers = new EventPartWriters("t", folder.Path, 2, Budget, heap, filesAtOnce);
        for (var i = 0; i < events; i++)
        {
            await writers.AddAsync("date=2026-11-01", i % 2, new ClickEvent("c", 1_700_000_000_000_000L + i, "example.com/", "view"), TestContext.Current.CancellationToken);
        }

        await writers.CompleteAsync(TestContext.Current.CancellationToken);
        return (collections, writers.HeapCollections);
    }
}
