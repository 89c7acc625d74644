using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Sequences;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>Compaction keeps the exact multiset of events and the sequences, and bounds the files per folder.</summary>
public sealed class EventCompactionTests : IDisposable
{
    private const string Tenant = CompactedTenant.Tenant;
    private readonly CompactedTenant _tenant = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _tenant.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task CompactAsync_SeventeenFilesInAFolder_SameEventsOneFilePerFolderSameSequences(int shards)
    {
        await _tenant.IngestAsync(17, shards);
        var builder = new SequenceBuilder(_tenant.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);
        var sequenceOptions = new SequenceOptions { MaxEvents = 50 };
        await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var sequencesBefore = await StoredSequences.ReadAllAsync(_tenant.Store, Tenant);
        var before = await _tenant.VisibleEventsAsync(shards);
        var filesBefore = (await _tenant.VisibleFilesAsync(shards)).Count;

        var counts = await _tenant.CompactAsync(shards);

        var after = await _tenant.VisibleEventsAsync(shards);
        var files = await _tenant.VisibleFilesAsync(shards);
        Assert.Equal(17 * shards, filesBefore);
        Assert.Equal(shards, counts.Folders);
        Assert.Equal(17 * shards, counts.FilesMerged);
        Assert.Equal(before.Count, counts.Rows);
        Assert.Equal(before, after);
        Assert.Equal(shards, files.Count);
        Assert.All(files, f => Assert.True(EventCompactionIndex.IsCompacted(f.Name)));
        Assert.Equal(shards, _tenant.StoredFiles().Count); // the merged files are deleted

        var update = await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        Assert.Equal(SequenceUpdateMode.UpToDate, update.Mode); // the compacted files hold only events it has read: no new event, no rebuild
        StoredSequences.AssertSame(sequencesBefore, await StoredSequences.ReadAllAsync(_tenant.Store, Tenant));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task UpdateAsync_CompactionsBetweenIncrementalUpdates_IncrementalAndTheSameSequencesAsAFullBuild(int shards)
    {
                var builder = new SequenceBuilder(_tenant.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);
        var sequenceOptions = new SequenceOptions { MaxEvents = 50 };
        await _tenant.IngestAsync(17, shards);
        await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        await _tenant.CompactAsync(shards);
        await _tenant.IngestAsync(17, shards, first: 17);

        var added = await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        await _tenant.CompactAsync(shards); // the small compacted file and the 17 new ones
        var afterSecond = await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var incremental = await StoredSequences.ReadAllAsync(_tenant.Store, Tenant);
        using var reference = new CompactedTenant();
        await reference.IngestAsync(34, shards);

        await new SequenceBuilder(reference.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);

        Assert.NotEqual(SequenceUpdateMode.Full, added.Mode);
        Assert.Equal(17 * 120, added.EventsRead); // only the new files: the compacted ones were read before
        Assert.Equal(SequenceUpdateMode.UpToDate, afterSecond.Mode);
        StoredSequences.AssertSame(await StoredSequences.ReadAllAsync(reference.Store, Tenant), incremental);
    }

    [Fact]
    public async Task CompactAsync_SixteenFiles_BelowTheTriggerNothingChanges()
    {
        await _tenant.IngestAsync(EventCompactionPolicy.Trigger, 1);

        var counts = await _tenant.CompactAsync(1);

        Assert.Equal(new CompactionCounts(0, 0, 0, 0, 0), counts);
        Assert.Equal(EventCompactionPolicy.Trigger, (await _tenant.VisibleFilesAsync(1)).Count);
    }

    [Fact]
    public async Task CompactAsync_Again_MergesTheSmallCompactedFileWithNewFilesIntoOne()
    {
                await _tenant.IngestAsync(17, 1);
        await _tenant.CompactAsync(1);
        await _tenant.IngestAsync(17, 1, first: 17);

        var before = await _tenant.VisibleEventsAsync(1);
        var again = await _tenant.CompactAsync(1);

        Assert.Equal(18, again.FilesMerged); // 17 new files and the small compacted one
        Assert.Single(await _tenant.VisibleFilesAsync(1));
        Assert.Equal(before, await _tenant.VisibleEventsAsync(1));
        Assert.Equal(34 * 120, before.Count);
    }
}
