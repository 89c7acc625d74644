using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Storage;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>A re-ingest or a re-shard after compaction replaces exactly the source's rows: never doubled, never lost.</summary>
public sealed class CompactedReingestTests : IDisposable
{
    private const string Tenant = CompactedTenant.Tenant;
    private readonly CompactedTenant _tenant = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _tenant.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task IngestFileAsync_SettingsChangedAfterCompaction_ReplacesOnlyThatSourcesRows(int shards)
    {
        await _tenant.IngestAndCompactAsync(shards);

        var report = await _tenant.ReingestAsync(5, shards);

        var events = await _tenant.VisibleEventsAsync(shards);
        Assert.Equal(IngestStatus.Ingested, report.Status);
        Assert.Equal(17 * 120, events.Count);
        Assert.Equal(120, events.Count(e => e.EventType == "view"));
        Assert.Equal(16 * 120, events.Count(e => e.EventType == "page_view"));
    }

    [Fact]
    public async Task IngestFileAsync_RedoAllAfterCompaction_SameNamesSameEvents()
    {
        await _tenant.IngestAndCompactAsync(1);
        var before = await _tenant.VisibleEventsAsync(1);

        // Same key, bytes and settings: the new file has the name the compacted file lists; it must be seen, once.
        var report = await _tenant.ReingestAsync(3, 1, CompactedTenant.Defaults, IngestRedo.All);

        var files = await _tenant.VisibleFilesAsync(1);
        Assert.Equal(IngestStatus.Ingested, report.Status);
        Assert.Equal(before, await _tenant.VisibleEventsAsync(1));
        Assert.Equal(17, files.Count); // the 16 other sources' rescue files of the released compacted file, and f03's own file
    }

    [Fact]
    public async Task RewriteAsync_AfterCompaction_SameEventsAndAReingestThenReplacesNeverDoubles()
    {
        await _tenant.IngestAndCompactAsync(1);
        var before = await _tenant.VisibleEventsAsync(1);
        var reshard = new EventReshard(_tenant.Store);

        var counts = await reshard.RewriteAsync(Tenant, 1, 4, onlyMissing: false, Token);
        var late = await reshard.RewriteAsync(Tenant, 1, 4, onlyMissing: true, Token);
        await reshard.DeleteLayoutAsync(Tenant, 1, Token);
        var four = await _tenant.VisibleEventsAsync(4);
        var report = await _tenant.ReingestAsync(9, 4);
        var after = await _tenant.VisibleEventsAsync(4);

        Assert.Equal(17, counts.Groups); // one per source, split back out of the compacted file
        Assert.Equal(0, late.Groups);
        Assert.Equal(before, four);
        Assert.Equal(IngestStatus.Ingested, report.Status);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(120, after.Count(e => e.EventType == "view"));
        Assert.DoesNotContain(_tenant.StoredFiles(), f => f.Shards == 1);
        Assert.DoesNotContain(_tenant.Store.ListAsync(TenantLayout.Events(Tenant), cancellationToken: Token).ToBlockingEnumerable(Token), o => o.Key.EndsWith(EventCompactionIndex.FileName, StringComparison.Ordinal));
    }
}
