using Clickcast.Ingestion;
using Clickcast.Sequences;
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
    private const string Tenant = CompactedTenant.Tenant;
    private readonly CompactedTenant _tenant = new();
    private readonly TempFolder _before = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _before.Dispose();
        _tenant.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task IngestFileAsync_SecondWorkerReleasesFromAStaleListing_EachSourcesRowsOnce(int shards)
    {
        await _tenant.IngestAndCompactAsync(shards);
        var worker2 = await StaleWorkerAsync();

        var first = await _tenant.ReingestAsync(3, shards);
        var second = await _tenant.ReingestAsync(5, shards, on: worker2);

        var events = await _tenant.VisibleEventsAsync(shards);
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
        var builder = new SequenceBuilder(_tenant.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);
        var sequenceOptions = new SequenceOptions { MaxEvents = 50 };
        await _tenant.IngestAndCompactAsync(shards);
        await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var worker2 = await StaleWorkerAsync();
        await _tenant.ReingestAsync(3, shards);
        await _tenant.ReingestAsync(5, shards, on: worker2);

        await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var afterReleases = await StoredSequences.ReadAllAsync(_tenant.Store, Tenant);
        await _tenant.CompactAsync(shards, force: true);
        var afterCompaction = await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        using var reference = new CompactedTenant();
        await reference.IngestAsync(3, shards);
        await reference.IngestAsync(1, shards, first: 3, CompactedTenant.View);
        await reference.IngestAsync(1, shards, first: 4);
        await reference.IngestAsync(1, shards, first: 5, CompactedTenant.View);
        await reference.IngestAsync(11, shards, first: 6);

        await new SequenceBuilder(reference.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var expected = await StoredSequences.ReadAllAsync(reference.Store, Tenant);

        StoredSequences.AssertSame(expected, afterReleases);
        Assert.Equal(SequenceUpdateMode.UpToDate, afterCompaction.Mode); // the compaction applying the tombstones is no new event
        StoredSequences.AssertSame(expected, await StoredSequences.ReadAllAsync(_tenant.Store, Tenant));
    }

    /// <summary>An ingestor on another worker that lists the store as it is now, whatever is written after.</summary>
    private async Task<Ingestor> StaleWorkerAsync()
    {
        var stale = await StaleReadObjectStore.SnapshotAsync(_tenant.Store, _before.Path, Token);
        return new Ingestor(new StaleReadObjectStore(stale, _tenant.Store), new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)), NullLogger<Ingestor>.Instance);
    }
}
