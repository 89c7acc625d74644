using System.Text;
using Clickcast.Ingestion;

namespace Clickcast.Tests.Ingestion;

/// <summary>An ingest keeps its heap through the <see cref="Ingestor.Heap"/> seam, with a budget of the files it ingests at once.</summary>
public sealed class IngestorHeapTests
{
    private const string Csv = "client_id,ts,url\n"
        + "a,2026-11-01T10:00:00Z,https://example.com/a\n"
        + "b,2026-11-02T10:00:00Z,https://example.com/b\n";

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public async Task IngestFileAsync_AsksTheHeapAfterItsRowGroup_AgainstTheBudgetOfItsParallelFiles(int parallelFiles, bool collects)
    {
        // The heap reads exactly one file's bound over the buffers: over the budget of one file at once, within two's.
        var collections = 0;
        var heap = new IngestHeap(() => EventBufferBudget.Default.HeapBytes + 1, () => collections++);
        using var harness = new IngestHarness(heap);

        var report = await harness.PutAndIngestAsync("two.csv", Encoding.UTF8.GetBytes(Csv), new IngestOptions { MaxParallelFiles = parallelFiles });

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(collects ? 1 : 0, collections);
        Assert.Single(harness.Log.Entries, e => e.Contains(" 8300: ", StringComparison.Ordinal) && e.Contains($"HeapCollections={collections}", StringComparison.Ordinal));
    }
}
