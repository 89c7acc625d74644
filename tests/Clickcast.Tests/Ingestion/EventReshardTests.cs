using System.Globalization;
using System.Text;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion;

/// <summary>A re-shard rewrites every event into the new layout, no more and no fewer, and the sequences rebuilt after are the same.</summary>
public sealed class EventReshardTests : IDisposable
{
    private const string Tenant = IngestHarness.Tenant;
    private readonly IngestHarness _harness = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task RewriteAsync_OneToFourToTwo_SameEventsSameSequences()
    {
        var options = new IngestOptions { MaxParallelFiles = 1 };
        for (var file = 0; file < 3; file++)
        {
            await _harness.PutAsync($"f{file}.csv", Generated(file));
            await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + $"f{file}.csv", options, IngestRedo.None, 1, Token);
        }

        var builder = new SequenceBuilder(_harness.Store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);
        var sequenceOptions = new SequenceOptions { MaxEvents = 50 };
        await builder.UpdateAsync(Tenant, sequenceOptions, cancellationToken: Token);
        var sequencesBefore = await StoredSequences.ReadAllAsync(_harness.Store, Tenant);
        var before = await _harness.ReadEventsAsync();
        var reshard = new EventReshard(_harness.Store);

        var toFour = await reshard.RewriteAsync(Tenant, 1, 4, onlyMissing: false, Token);
        var again = await reshard.RewriteAsync(Tenant, 1, 4, onlyMissing: false, Token); // a retry overwrites, never adds
        var deletedOne = await reshard.DeleteLayoutAsync(Tenant, 1, Token);
        var four = await _harness.ReadEventsAsync();
        var late = await reshard.RewriteAsync(Tenant, 1, 4, onlyMissing: true, Token);
        var toTwo = await reshard.RewriteAsync(Tenant, 4, 2, onlyMissing: false, Token);
        await reshard.DeleteLayoutAsync(Tenant, 4, Token);
        var two = await _harness.ReadEventsAsync();
        var rebuilt = await builder.UpdateAsync(Tenant, 2, sequenceOptions, cancellationToken: Token); // the tenant has 2 shards now: its build reads that layout

        Assert.Equal(before.Count, toFour.Rows);
        Assert.Equal(toFour, again);
        Assert.Equal(toFour.FilesListed, deletedOne);
        Assert.Equal(before, four);
        Assert.Equal(0, late.FilesListed);
        Assert.Equal(before, two);
        Assert.Equal(before.Count, toTwo.Rows);
        foreach (var file in await EventLayout.ListAsync(_harness.Store, Tenant, 2, Token))
        {
            var events = await IngestorShardsTests.ReadAsync(_harness.Store, file.ToKey(Tenant));
            Assert.All(events, e => Assert.Equal(file.Shard, ClientShard.Of(e.ClientId, 2)));
        }

        Assert.Empty(await EventLayout.ListAsync(_harness.Store, Tenant, 1, Token));
        Assert.Empty(await EventLayout.ListAsync(_harness.Store, Tenant, 4, Token));
        Assert.Equal(SequenceUpdateMode.Full, rebuilt.Mode);
        StoredSequences.AssertSame(sequencesBefore, await StoredSequences.ReadAllAsync(_harness.Store, Tenant));
    }

    [Fact]
    public async Task RewriteAsync_OnlyMissing_RewritesOnlyGroupsTheNewLayoutLacks()
    {
        var options = new IngestOptions { MaxParallelFiles = 1 };
        await _harness.PutAsync("a.csv", Generated(0));
        await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "a.csv", options, IngestRedo.None, 1, Token);
        var reshard = new EventReshard(_harness.Store);
        var first = await reshard.RewriteAsync(Tenant, 1, 2, onlyMissing: false, Token);
        await _harness.PutAsync("late.csv", Generated(1)); // ingested under the old count while the re-shard ran
        await _harness.Ingestor.IngestFileAsync(Tenant, TenantLayout.Raw(Tenant) + "late.csv", options, IngestRedo.None, 1, Token);

        var late = await reshard.RewriteAsync(Tenant, 1, 2, onlyMissing: true, Token);
        await reshard.DeleteLayoutAsync(Tenant, 1, Token);

        Assert.Equal(first.Groups, late.Groups); // the late file spans as many days as the first
        Assert.Equal(first.FilesListed * 2, late.FilesListed);
        Assert.Equal(first.Rows + late.Rows, (await _harness.ReadEventsAsync()).Count);
    }

    [Fact]
    public async Task IngestFileAsync_SettingsChangedAfterAReshard_ReplacesTheReshardedEventsNeverDoubles()
    {
        var key = TenantLayout.Raw(Tenant) + "a.csv";
        await _harness.PutAsync("a.csv", Generated(0));
        await _harness.Ingestor.IngestFileAsync(Tenant, key, new IngestOptions { MaxParallelFiles = 1 }, IngestRedo.None, 1, Token);
        var reshard = new EventReshard(_harness.Store);
        await reshard.RewriteAsync(Tenant, 1, 4, onlyMissing: false, Token);
        await reshard.DeleteLayoutAsync(Tenant, 1, Token);

        // Other settings give other names: the ledger's outputs (old layout) must still find the re-sharded files to replace.
        var report = await _harness.Ingestor.IngestFileAsync(Tenant, key, new IngestOptions { MaxParallelFiles = 1, DefaultEventType = "view" }, IngestRedo.None, 4, Token);

        var events = await _harness.ReadEventsAsync();
        Assert.Equal(IngestStatus.Ingested, report.Status);
        Assert.Equal(600, events.Count);
        Assert.All(events, e => Assert.Equal("view", e.EventType));
    }

    private static byte[] Generated(int file)
    {
        var csv = new StringBuilder("client_id,ts,url\n");
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(file);
        for (var i = 0; i < 600; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"c{(i * 31 + file) % 97},{start.AddMinutes(i * 7):yyyy-MM-dd'T'HH:mm:ss'Z'},https://shop.example.com/p/{(i + file) % 17}\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
