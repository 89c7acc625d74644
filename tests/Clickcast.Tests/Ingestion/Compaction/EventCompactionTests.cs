using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>Compaction keeps the exact multiset of events and the sequences, and bounds the files per folder.</summary>
public sealed class EventCompactionTests : IDisposable
{
    private const string Tenant = CompactionFixture.Tenant;
    private readonly IngestHarness _harness = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task CompactAsync_SeventeenFilesInAFolder_SameEventsOneFilePerFolderSameSequences(int shards)
    {
        await CompactionIngest.IngestAsync(_harness, 17, shards);
        var builder = new SequenceBuilder(_harness.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);
        var sequenceOptions = new SequenceOptions { MaxEvents = 50 };
        await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var sequencesBefore = await StoredSequences.ReadAllAsync(_harness.Store, Tenant);
        var before = await CompactionFixture.VisibleEventsAsync(_harness.Store, shards);
        var filesBefore = (await EventLayout.ListAsync(_harness.Store, Tenant, shards, Token)).Count;

        var counts = await new EventCompaction(_harness.Store).CompactAsync(Tenant, shards, cancellationToken: Token);

        var after = await CompactionFixture.VisibleEventsAsync(_harness.Store, shards);
        var files = await EventLayout.ListAsync(_harness.Store, Tenant, shards, Token);
        Assert.Equal(17 * shards, filesBefore);
        Assert.Equal(shards, counts.Folders);
        Assert.Equal(17 * shards, counts.FilesMerged);
        Assert.Equal(before.Count, counts.Rows);
        Assert.Equal(before, after);
        Assert.Equal(shards, files.Count);
        Assert.All(files, f => Assert.True(EventCompactionIndex.IsCompacted(f.Name)));
        Assert.Equal(shards, EventLayout.ListEveryLayoutAsync(_harness.Store, Tenant, Token).ToBlockingEnumerable(Token).Count()); // the merged files are deleted

        var update = await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        Assert.Equal(SequenceUpdateMode.UpToDate, update.Mode); // the compacted files hold only events it has read: no new event, no rebuild
        StoredSequences.AssertSame(sequencesBefore, await StoredSequences.ReadAllAsync(_harness.Store, Tenant));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task UpdateAsync_CompactionsBetweenIncrementalUpdates_IncrementalAndTheSameSequencesAsAFullBuild(int shards)
    {
        var compaction = new EventCompaction(_harness.Store);
        var builder = new SequenceBuilder(_harness.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);
        var sequenceOptions = new SequenceOptions { MaxEvents = 50 };
        await CompactionIngest.IngestAsync(_harness, 17, shards);
        await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        await compaction.CompactAsync(Tenant, shards, cancellationToken: Token);
        for (var file = 17; file < 34; file++)
        {
            await _harness.PutAsync($"g{file}.csv", CompactionFixture.OneDay(file));
            await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + $"g{file}.csv", new IngestOptions { MaxParallelFiles = 1 }, IngestRedo.None, shards, Token);
        }

        var added = await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        await compaction.CompactAsync(Tenant, shards, cancellationToken: Token); // the small compacted file and the 17 new ones
        var afterSecond = await builder.UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);
        var incremental = await StoredSequences.ReadAllAsync(_harness.Store, Tenant);
        using var reference = new IngestHarness();
        for (var file = 0; file < 34; file++)
        {
            await reference.PutAsync($"r{file}.csv", CompactionFixture.OneDay(file));
            await reference.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + $"r{file}.csv", new IngestOptions { MaxParallelFiles = 1 }, IngestRedo.None, shards, Token);
        }

        await new SequenceBuilder(reference.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, shards, sequenceOptions, cancellationToken: Token);

        Assert.NotEqual(SequenceUpdateMode.Full, added.Mode);
        Assert.Equal(17 * 120, added.EventsRead); // only the new files: the compacted ones were read before
        Assert.Equal(SequenceUpdateMode.UpToDate, afterSecond.Mode);
        StoredSequences.AssertSame(await StoredSequences.ReadAllAsync(reference.Store, Tenant), incremental);
    }

    [Fact]
    public async Task CompactAsync_SixteenFiles_BelowTheTriggerNothingChanges()
    {
        await CompactionIngest.IngestAsync(_harness, EventCompactionPolicy.Trigger, 1);

        var counts = await new EventCompaction(_harness.Store).CompactAsync(Tenant, 1, cancellationToken: Token);

        Assert.Equal(new CompactionCounts(0, 0, 0, 0, 0), counts);
        Assert.Equal(EventCompactionPolicy.Trigger, (await EventLayout.ListAsync(_harness.Store, Tenant, 1, Token)).Count);
    }

    [Fact]
    public async Task CompactAsync_Again_MergesTheSmallCompactedFileWithNewFilesIntoOne()
    {
        var compaction = new EventCompaction(_harness.Store);
        await CompactionIngest.IngestAsync(_harness, 17, 1);
        await compaction.CompactAsync(Tenant, 1, cancellationToken: Token);
        for (var file = 17; file < 34; file++)
        {
            await _harness.PutAsync($"g{file}.csv", CompactionFixture.OneDay(file));
            await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + $"g{file}.csv", new IngestOptions { MaxParallelFiles = 1 }, IngestRedo.None, 1, Token);
        }

        var before = await CompactionFixture.VisibleEventsAsync(_harness.Store, 1);
        var again = await compaction.CompactAsync(Tenant, 1, cancellationToken: Token);

        Assert.Equal(18, again.FilesMerged); // 17 new files and the small compacted one
        Assert.Single(await EventLayout.ListAsync(_harness.Store, Tenant, 1, Token));
        Assert.Equal(before, await CompactionFixture.VisibleEventsAsync(_harness.Store, 1));
        Assert.Equal(34 * 120, before.Count);
    }
}
