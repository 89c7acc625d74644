using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Storage;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>A re-ingest or a re-shard after compaction replaces exactly the source's rows: never doubled, never lost.</summary>
public sealed class CompactedReingestTests : IDisposable
{
    private const string Tenant = CompactionFixture.Tenant;
    private readonly IngestHarness _harness = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task IngestFileAsync_SettingsChangedAfterCompaction_ReplacesOnlyThatSourcesRows(int shards)
    {
        await CompactionIngest.IngestAsync(_harness, 17, shards);
        await new EventCompaction(_harness.Store).CompactAsync(Tenant, shards, cancellationToken: Token);

        var report = await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "f05.csv", new IngestOptions { MaxParallelFiles = 1, DefaultEventType = "view" }, IngestRedo.None, shards, Token);

        var events = await CompactionFixture.VisibleEventsAsync(_harness.Store, shards);
        Assert.Equal(IngestStatus.Ingested, report.Status);
        Assert.Equal(17 * 120, events.Count);
        Assert.Equal(120, events.Count(e => e.EventType == "view"));
        Assert.Equal(16 * 120, events.Count(e => e.EventType == "page_view"));
    }

    [Fact]
    public async Task IngestFileAsync_RedoAllAfterCompaction_SameNamesSameEvents()
    {
        await CompactionIngest.IngestAsync(_harness, 17, 1);
        await new EventCompaction(_harness.Store).CompactAsync(Tenant, 1, cancellationToken: Token);
        var before = await CompactionFixture.VisibleEventsAsync(_harness.Store, 1);

        // Same key, bytes and settings: the new file has the name the compacted file lists; it must be seen, once.
        var report = await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "f03.csv", new IngestOptions { MaxParallelFiles = 1 }, IngestRedo.All, 1, Token);

        var files = await EventLayout.ListAsync(_harness.Store, Tenant, 1, Token);
        Assert.Equal(IngestStatus.Ingested, report.Status);
        Assert.Equal(before, await CompactionFixture.VisibleEventsAsync(_harness.Store, 1));
        Assert.Equal(17, files.Count); // the 16 other sources' rescue files of the released compacted file, and f03's own file
    }

    [Fact]
    public async Task RewriteAsync_AfterCompaction_SameEventsAndAReingestThenReplacesNeverDoubles()
    {
        await CompactionIngest.IngestAsync(_harness, 17, 1);
        await new EventCompaction(_harness.Store).CompactAsync(Tenant, 1, cancellationToken: Token);
        var before = await CompactionFixture.VisibleEventsAsync(_harness.Store, 1);
        var reshard = new EventReshard(_harness.Store);

        var counts = await reshard.RewriteAsync(Tenant, 1, 4, onlyMissing: false, Token);
        var late = await reshard.RewriteAsync(Tenant, 1, 4, onlyMissing: true, Token);
        await reshard.DeleteLayoutAsync(Tenant, 1, Token);
        var four = await CompactionFixture.VisibleEventsAsync(_harness.Store, 4);
        var report = await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "f09.csv", new IngestOptions { MaxParallelFiles = 1, DefaultEventType = "view" }, IngestRedo.None, 4, Token);
        var after = await CompactionFixture.VisibleEventsAsync(_harness.Store, 4);

        Assert.Equal(17, counts.Groups); // one per source, split back out of the compacted file
        Assert.Equal(0, late.Groups);
        Assert.Equal(before, four);
        Assert.Equal(IngestStatus.Ingested, report.Status);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(120, after.Count(e => e.EventType == "view"));
        Assert.DoesNotContain(EventLayout.ListEveryLayoutAsync(_harness.Store, Tenant, Token).ToBlockingEnumerable(Token), f => f.Shards == 1);
        Assert.DoesNotContain(_harness.Store.ListAsync(TenantLayout.Events(Tenant), cancellationToken: Token).ToBlockingEnumerable(Token), o => o.Key.EndsWith(EventCompactionIndex.FileName, StringComparison.Ordinal));
    }
}
