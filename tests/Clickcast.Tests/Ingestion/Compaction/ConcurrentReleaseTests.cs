using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Testing;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>
/// Two workers re-ingest two sources of one compacted file at once: the second listed the folder before the first
/// released its source (a stale read, as on another worker), yet each source's rows end up exactly once, new ones.
/// </summary>
public sealed class ConcurrentReleaseTests : IDisposable
{
    private const string Tenant = CompactionFixture.Tenant;
    private readonly IngestHarness _harness = new();
    private readonly TempFolder _before = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _before.Dispose();
        _harness.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task IngestFileAsync_SecondWorkerReleasesFromAStaleListing_EachSourcesRowsOnce(int shards)
    {
        await CompactionIngest.IngestAsync(_harness, 17, shards);
        await new EventCompaction(_harness.Store).CompactAsync(Tenant, shards, cancellationToken: Token);
        var stale = await StaleReadObjectStore.SnapshotAsync(_harness.Store, _before.Path, Token);
        var worker2 = new Ingestor(new StaleReadObjectStore(stale, _harness.Store), new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)), NullLogger<Ingestor>.Instance);
        var options = new IngestOptions { MaxParallelFiles = 1, DefaultEventType = "view" };

        var first = await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "f03.csv", options, IngestRedo.None, shards, Token);
        var second = await worker2.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "f05.csv", options, IngestRedo.None, shards, Token);

        var events = await CompactionFixture.VisibleEventsAsync(_harness.Store, shards);
        Assert.Equal(IngestStatus.Ingested, first.Status);
        Assert.Equal(IngestStatus.Ingested, second.Status);
        Assert.Equal(17 * 120, events.Count);
        Assert.Equal(2 * 120, events.Count(e => e.EventType == "view"));
        Assert.Equal(15 * 120, events.Count(e => e.EventType == "page_view"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task UpdateAsync_AfterTwoReleasesAndTheNextCompaction_SameSequencesAsAFullBuild(int shards)
    {
        var builder = new SequenceBuilder(_harness.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);
        var sequenceOptions = new SequenceOptions { MaxEvents = 50 };
        var view = new IngestOptions { MaxParallelFiles = 1, DefaultEventType = "view" };
        await CompactionIngest.IngestAsync(_harness, 17, shards);
        await new EventCompaction(_harness.Store).CompactAsync(Tenant, shards, cancellationToken: Token);
        await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var stale = await StaleReadObjectStore.SnapshotAsync(_harness.Store, _before.Path, Token);
        var worker2 = new Ingestor(new StaleReadObjectStore(stale, _harness.Store), new FakeTimeProvider(), NullLogger<Ingestor>.Instance);
        await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "f03.csv", view, IngestRedo.None, shards, Token);
        await worker2.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "f05.csv", view, IngestRedo.None, shards, Token);

        await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var afterReleases = await StoredSequences.ReadAllAsync(_harness.Store, Tenant);
        await new EventCompaction(_harness.Store).CompactAsync(Tenant, shards, force: true, cancellationToken: Token);
        var afterCompaction = await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        using var reference = new IngestHarness();
        for (var file = 0; file < 17; file++)
        {
            await reference.PutAsync($"f{file:D2}.csv", CompactionFixture.OneDay(file));
            await reference.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + $"f{file:D2}.csv", file is 3 or 5 ? view : new IngestOptions { MaxParallelFiles = 1 }, IngestRedo.None, shards, Token);
        }

        await new SequenceBuilder(reference.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var expected = await StoredSequences.ReadAllAsync(reference.Store, Tenant);

        StoredSequences.AssertSame(expected, afterReleases);
        Assert.Equal(SequenceUpdateMode.UpToDate, afterCompaction.Mode); // the compaction applying the tombstones is no new event
        StoredSequences.AssertSame(expected, await StoredSequences.ReadAllAsync(_harness.Store, Tenant));
    }
}
