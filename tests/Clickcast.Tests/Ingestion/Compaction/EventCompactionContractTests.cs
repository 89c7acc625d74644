using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Storage;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>
/// Compaction over a store: run by the local store here and by the S3-compatible server in the integration tests.
/// Every source's events are seen exactly once before, at each step of, and after a compaction and a re-ingest.
/// </summary>
public abstract class EventCompactionContractTests
{
    private const string Tenant = CompactedTenant.Tenant;

    protected abstract IObjectStore Store { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CompactAsync_ThenReingest_EveryEventOnceAndTheMergedFilesGone()
    {
        using var tenant = new CompactedTenant(Store);
        await tenant.IngestAsync(17, 2);
        var before = await tenant.VisibleEventsAsync(2);

        var counts = await tenant.CompactAsync(2);
        var after = await tenant.VisibleEventsAsync(2);
        var reingest = await tenant.ReingestAsync(7, 2);
        var reingested = await tenant.VisibleEventsAsync(2);
        var stored = tenant.StoredFiles();

        Assert.Equal(2, counts.Folders);
        Assert.Equal(34, counts.FilesMerged);
        Assert.Equal(before, after);
        Assert.Equal(IngestStatus.Ingested, reingest.Status);
        Assert.Equal(before.Count, reingested.Count);
        Assert.Equal(120, reingested.Count(e => e.EventType == "view"));
        Assert.Equal(38, stored.Count); // per shard: the released compacted file and f07's rescue file (hidden), 16 rescue files, f07's own file

        await tenant.CompactAsync(2, force: true);
        var compacted = tenant.StoredFiles();
        var leftovers = Store.ListAsync(TenantLayout.Events(Tenant), cancellationToken: Token).ToBlockingEnumerable(Token).Where(o => o.Key.Contains("/" + EventRelease.Prefix, StringComparison.Ordinal));
        Assert.Equal(reingested, await tenant.VisibleEventsAsync(2));
        Assert.Equal(2, compacted.Count); // the next compaction applied the tombstones: one compacted file per shard
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task ListAsync_AnUncommittedCompactedFile_IsInvisibleAndTheNextRunDeletesIt()
    {
        using var tenant = new CompactedTenant(Store);
        await tenant.IngestAsync(17, 1);
        var before = await tenant.VisibleEventsAsync(1);
        var source = (await tenant.VisibleFilesAsync(1))[0];
        using (var copy = await Store.GetLocalCopyAsync(source.ToKey(Tenant), Token))
        {
            // What a compaction killed before its commit leaves: a compacted file no compaction.json lists.
            await Store.PutFileAsync((source with { Name = "compact-0123456789abcdef01234567" }).ToKey(Tenant), copy.Path, Token);
        }

        var visible = await tenant.VisibleEventsAsync(1);
        await tenant.CompactAsync(1);

        Assert.Equal(before, visible);
        Assert.Equal(before, await tenant.VisibleEventsAsync(1));
        Assert.DoesNotContain(tenant.StoredFiles(), f => f.Name == "compact-0123456789abcdef01234567");
    }
}
