using Clickcast.Diagnostics;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.IntegrationTests.Support;
using Clickcast.Storage;
using Clickcast.Tests.Ingestion.Compaction;
using Clickcast.Tests.Support;

namespace Clickcast.IntegrationTests.Ingestion;

/// <summary>
/// kill -9 of the real <c>clickcast</c> process inside a compaction, or inside a re-ingest of compacted sources, then
/// the same command again: readers see every event exactly once meanwhile, and the end state is the uncrashed one.
/// </summary>
public sealed class CompactionCrashTests
{
    private const string Tenant = "acme";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(FaultInjection.CompactBeforeCommit)]
    [InlineData(FaultInjection.CompactAfterCommit)]
    public async Task Compact_KilledThenRunAgain_EveryEventOnceMeanwhileAndNoLeftovers(string point)
    {
        using var folder = new TempFolder();
        var data = folder.File("data");
        var store = await PrepareAsync(data);
        var reference = await CompactionFixture.VisibleEventsAsync(store, 2);

        var crashed = await CliProcess.RunAsync(data, Faults(point), "compact", "-t", Tenant);
        Assert.True(crashed.ExitCode == 137, $"expected a SIGKILL at {point}, got exit code {crashed.ExitCode}:\n{crashed.Output}");
        Assert.Equal(reference, await CompactionFixture.VisibleEventsAsync(store, 2));

        var again = await CliProcess.RunAsync(data, Faults(), "compact", "-t", Tenant);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(reference, await CompactionFixture.VisibleEventsAsync(store, 2));
        var visible = await EventLayout.ListAsync(store, Tenant, 2, Token);
        var stored = EventLayout.ListEveryLayoutAsync(store, Tenant, Token).ToBlockingEnumerable(Token).ToList();
        Assert.Equal(2, visible.Count); // one compacted file per shard
        Assert.Equal(visible, stored); // nothing a reader does not see is left
    }

    [Fact]
    public async Task Ingest_SettingsChangedKilledBetweenRescueFilesAndTombstones_OldEventsOnceMeanwhileRunAgainReplacesEveryEventOnce()
    {
        using var folder = new TempFolder();
        var data = folder.File("data");
        var (store, reference) = await CompactThenChangeSettingsAsync(data);

        await IngestKilledAtAsync(data, FaultInjection.CompactAfterRescue);
        var stored = EventLayout.ListEveryLayoutAsync(store, Tenant, Token).ToBlockingEnumerable(Token).ToList();
        Assert.Contains(stored, f => f.Name.StartsWith(EventRelease.RescuePrefix, StringComparison.Ordinal)); // killed with rescue files written
        Assert.Equal(reference, await CompactionFixture.VisibleEventsAsync(store, 2)); // no tombstone: readers still see each old row once
        var again = await CliProcess.RunAsync(data, Faults(), "ingest", "-t", Tenant);

        Assert.True(again.ExitCode == 0, again.Output);
        await AssertEveryEventOnceAsViewsAsync(store, reference);
    }

    [Fact]
    public async Task Ingest_SettingsChangedKilledAfterReleasingACompactedSource_RunAgainReplacesEveryEventOnce()
    {
        using var folder = new TempFolder();
        var data = folder.File("data");
        var (store, reference) = await CompactThenChangeSettingsAsync(data);

        await IngestKilledAtAsync(data, FaultInjection.CompactAfterRelease);
        var again = await CliProcess.RunAsync(data, Faults(), "ingest", "-t", Tenant);

        Assert.True(again.ExitCode == 0, again.Output);
        await AssertEveryEventOnceAsViewsAsync(store, reference);
    }

    /// <summary>A tenant of 2 shards with 17 one-day files ingested: 17 files in each shard's folder of that day.</summary>
    private static async Task<LocalObjectStore> PrepareAsync(string data)
    {
        Directory.CreateDirectory(data);
        await ApplyAsync(data, """{ "id": "acme", "shards": 2 }""");
        var store = new LocalObjectStore(Path.Combine(data, "objects"));
        using var tenant = new CompactedTenant(store);
        await tenant.PutAsync(EventCompactionPolicy.Trigger + 1);

        var ingest = await CliProcess.RunAsync(data, Faults(), "ingest", "-t", Tenant);
        Assert.True(ingest.ExitCode == 0, ingest.Output);
        Assert.Equal(34, (await EventLayout.ListAsync(store, Tenant, 2, Token)).Count);
        return store;
    }

    /// <summary>
    /// <see cref="PrepareAsync"/>, the tenant's events compacted, then a settings change (every event type "view")
    /// that makes the next ingest replace the compacted events; returns the store and the events before the change.
    /// </summary>
    private static async Task<(LocalObjectStore Store, List<ClickEvent> Reference)> CompactThenChangeSettingsAsync(string data)
    {
        var store = await PrepareAsync(data);
        var reference = await CompactionFixture.VisibleEventsAsync(store, 2);
        Assert.Equal(0, (await CliProcess.RunAsync(data, Faults(), "compact", "-t", Tenant)).ExitCode);
        await ApplyAsync(data, """{ "id": "acme", "shards": 2, "ingest": { "defaultEventType": "view" } }""");
        return (store, reference);
    }

    private static async Task IngestKilledAtAsync(string data, string point)
    {
        var crashed = await CliProcess.RunAsync(data, Faults(point), "ingest", "-t", Tenant);
        Assert.True(crashed.ExitCode == 137, $"expected a SIGKILL, got exit code {crashed.ExitCode}:\n{crashed.Output}");
    }

    /// <summary>Readers see each event of <paramref name="reference"/> exactly once, re-ingested with the "view" type.</summary>
    private static async Task AssertEveryEventOnceAsViewsAsync(LocalObjectStore store, List<ClickEvent> reference)
    {
        var events = await CompactionFixture.VisibleEventsAsync(store, 2);
        Assert.Equal(reference.Count, events.Count);
        Assert.All(events, e => Assert.Equal("view", e.EventType));
        Assert.Equal(reference.Select(e => (e.ClientId, e.TimestampMicros, e.Url)), events.Select(e => (e.ClientId, e.TimestampMicros, e.Url)));
    }

    private static async Task ApplyAsync(string data, string definition)
    {
        var path = Path.Combine(data, "tenant-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, definition, Token);
        var applied = await CliProcess.RunAsync(data, Faults(), "tenants", "apply", "-f", path);
        Assert.True(applied.ExitCode == 0, applied.Output);
    }

    private static Dictionary<string, string> Faults(string? point = null) => point is null ? [] : new() { ["CLICKCAST_FAULTS"] = point };
}
