using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>A re-shard of compacted (and rescue) files fetches and decodes each stored file once, not once per source.</summary>
public sealed class CompactedReshardTests : IDisposable
{
    private const string Tenant = CompactedTenant.Tenant;
    private readonly CompactedTenant _tenant = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _tenant.Dispose();

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    public async Task RewriteAsync_CompactedFilesOfManySources_EachStoredFileDownloadedOnce(int from, bool released)
    {
        await _tenant.IngestAndCompactAsync(from);
        if (released)
        {
            await _tenant.ReingestAsync(5, from);
        }

        var before = await _tenant.VisibleEventsAsync(from);
        var stored = (await _tenant.VisibleFilesAsync(from)).Select(f => f.ToKey(Tenant)).ToList();
        var counting = new ReadCountingObjectStore(_tenant.Store);

        var counts = await new EventReshard(counting).RewriteAsync(Tenant, from, 4, onlyMissing: false, Token);
        await new EventReshard(_tenant.Store).DeleteLayoutAsync(Tenant, from, Token);

        Assert.Equal(17, counts.Groups);
        Assert.Equal(before, await _tenant.VisibleEventsAsync(4));
        var events = counting.ReadsByKey.Where(r => r.Key.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
        Assert.Equal(stored.Order(StringComparer.Ordinal), events.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(events, r => Assert.Equal(1, r.Value)); // 17 sources of one compacted file: one download, not 17
        Assert.Equal(released ? from * 17 : from, stored.Count); // released: 16 rescue files and f05's own per folder
    }

    [Fact]
    public async Task ReadAsync_PiecesInRowOrder_EachFileDecodedOnceAndBehindItReadAgainFromTheLocalCopy()
    {
        await _tenant.IngestAndCompactAsync(2);
        var pieces = await EventLayout.ListPiecesAsync(_tenant.Store, Tenant, 2, Token);
        var counting = new ReadCountingObjectStore(_tenant.Store);

        await using var inOrder = new EventPieceFiles(counting, Tenant, pieces);
        var read = new List<ClickEvent>();
        foreach (var piece in pieces)
        {
            read.AddRange(await inOrder.ReadAsync(piece, Token).ToListAsync(Token));
        }

        await using var backwards = new EventPieceFiles(_tenant.Store, Tenant, pieces);
        var reversed = new List<ClickEvent>();
        foreach (var piece in pieces.Reverse())
        {
            reversed.AddRange(await backwards.ReadAsync(piece, Token).ToListAsync(Token));
        }

        Assert.Equal(34, pieces.Count);
        Assert.Equal(2, inOrder.Downloads);
        Assert.Equal(0, inOrder.Rereads);
        Assert.Equal(1, inOrder.PeakOpen);
        Assert.Equal(2, counting.Reads);
        Assert.Equal(0, backwards.Rereads); // behind the reader but inside the row group it holds: nothing read again
        Assert.Equal(Sorted(await _tenant.VisibleEventsAsync(2)), Sorted(read));
        Assert.Equal(Sorted(read), Sorted(reversed));
    }

    [Fact]
    public async Task ReadAsync_PiecesOfOneSourceAcrossShards_OneReaderOpenAtATime()
    {
        await _tenant.IngestAndCompactAsync(4);
        var pieces = await EventLayout.ListPiecesAsync(_tenant.Store, Tenant, 4, Token);
        // As a re-shard asks for them: one source after the other, each source's piece in every old shard's file.
        var bySource = pieces.GroupBy(p => p.Source.Name).SelectMany(g => g).ToList();

        await using var files = new EventPieceFiles(_tenant.Store, Tenant, bySource);
        var read = new List<ClickEvent>();
        foreach (var piece in bySource)
        {
            read.AddRange(await files.ReadAsync(piece, Token).ToListAsync(Token));
        }

        Assert.Equal(17 * 4, bySource.Count);
        Assert.Equal(4, files.Downloads);
        Assert.Equal(4, files.PeakCopies);
        Assert.Equal(1, files.PeakOpen); // before: one reader per old shard's file, each with its batch and string pool
        Assert.InRange(files.Rereads, 1, bySource.Count);
        Assert.Equal(Sorted(await _tenant.VisibleEventsAsync(4)), Sorted(read));
    }

    private static List<ClickEvent> Sorted(IEnumerable<ClickEvent> events) =>
        [.. events.OrderBy(e => e.ClientId, StringComparer.Ordinal).ThenBy(e => e.TimestampMicros).ThenBy(e => e.Url, StringComparer.Ordinal).ThenBy(e => e.EventType, StringComparer.Ordinal)];
}
