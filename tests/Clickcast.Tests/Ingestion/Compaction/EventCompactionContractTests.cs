using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>
/// Compaction over a store: run by the local store here and by the S3-compatible server in the integration tests.
/// Every source's events are seen exactly once before, at each step of, and after a compaction and a re-ingest.
/// </summary>
public abstract class EventCompactionContractTests
{
    private const string Tenant = CompactionFixture.Tenant;

    protected abstract IObjectStore Store { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CompactAsync_ThenReingest_EveryEventOnceAndTheMergedFilesGone()
    {
        var ingestor = new Ingestor(Store, new FakeTimeProvider(), NullLogger<Ingestor>.Instance);
        var options = new IngestOptions { MaxParallelFiles = 1 };
        for (var file = 0; file < 17; file++)
        {
            await Store.PutBytesAsync(TenantLayout.Raw(Tenant) + $"f{file:D2}.csv", CompactionFixture.OneDay(file), Token);
            await ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + $"f{file:D2}.csv", options, IngestRedo.None, 2, Token);
        }

        var before = await CompactionFixture.VisibleEventsAsync(Store, 2);
        var compaction = new EventCompaction(Store);

        var counts = await compaction.CompactAsync(Tenant, 2, cancellationToken: Token);
        var after = await CompactionFixture.VisibleEventsAsync(Store, 2);
        var reingest = await ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "f07.csv", new IngestOptions { MaxParallelFiles = 1, DefaultEventType = "view" }, IngestRedo.None, 2, Token);
        var reingested = await CompactionFixture.VisibleEventsAsync(Store, 2);
        var stored = EventLayout.ListEveryLayoutAsync(Store, Tenant, Token).ToBlockingEnumerable(Token).ToList();

        Assert.Equal(2, counts.Folders);
        Assert.Equal(34, counts.FilesMerged);
        Assert.Equal(before, after);
        Assert.Equal(IngestStatus.Ingested, reingest.Status);
        Assert.Equal(before.Count, reingested.Count);
        Assert.Equal(120, reingested.Count(e => e.EventType == "view"));
        Assert.Equal(38, stored.Count); // per shard: the released compacted file and f07's rescue file (hidden), 16 rescue files, f07's own file

        await compaction.CompactAsync(Tenant, 2, force: true, cancellationToken: Token);
        var compacted = EventLayout.ListEveryLayoutAsync(Store, Tenant, Token).ToBlockingEnumerable(Token).ToList();
        var leftovers = Store.ListAsync(TenantLayout.Events(Tenant), cancellationToken: Token).ToBlockingEnumerable(Token).Where(o => o.Key.Contains("/" + EventRelease.Prefix, StringComparison.Ordinal));
        Assert.Equal(reingested, await CompactionFixture.VisibleEventsAsync(Store, 2));
        Assert.Equal(2, compacted.Count); // the next compaction applied the tombstones: one compacted file per shard
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task ListAsync_AnUncommittedCompactedFile_IsInvisibleAndTheNextRunDeletesIt()
    {
        var ingestor = new Ingestor(Store, new FakeTimeProvider(), NullLogger<Ingestor>.Instance);
        var options = new IngestOptions { MaxParallelFiles = 1 };
        for (var file = 0; file < 17; file++)
        {
            await Store.PutBytesAsync(TenantLayout.Raw(Tenant) + $"f{file:D2}.csv", CompactionFixture.OneDay(file), Token);
            await ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + $"f{file:D2}.csv", options, IngestRedo.None, 1, Token);
        }

        var before = await CompactionFixture.VisibleEventsAsync(Store, 1);
        var source = (await EventLayout.ListAsync(Store, Tenant, 1, Token))[0];
        using (var copy = await Store.GetLocalCopyAsync(source.ToKey(Tenant), Token))
        {
            // What a compaction killed before its commit leaves: a compacted file no compaction.json lists.
            await Store.PutFileAsync((source with { Name = "compact-0123456789abcdef01234567" }).ToKey(Tenant), copy.Path, Token);
        }

        var visible = await CompactionFixture.VisibleEventsAsync(Store, 1);
        await new EventCompaction(Store).CompactAsync(Tenant, 1, cancellationToken: Token);

        Assert.Equal(before, visible);
        Assert.Equal(before, await CompactionFixture.VisibleEventsAsync(Store, 1));
        Assert.DoesNotContain(EventLayout.ListEveryLayoutAsync(Store, Tenant, Token).ToBlockingEnumerable(Token), f => f.Name == "compact-0123456789abcdef01234567");
    }
}
