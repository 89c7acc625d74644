using System.Text;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion;

/// <summary>Mistakes can be undone: changed settings, retried quarantines, redone files, re-uploads under new names.</summary>
public sealed class IngestorRecoveryTests : IDisposable
{
    private const string Tenant = "acme";
    private const string Csv = "client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://shop.example.com/checkout/step1\nc2,2026-11-26T10:00:00Z,https://shop.example.com/cart\n";
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _local;
    private readonly CrashingObjectStore _store;
    private readonly Ingestor _ingestor;

    public IngestorRecoveryTests()
    {
        _local = new LocalObjectStore(_folder.Path);
        _store = new CrashingObjectStore(_local);
        _ingestor = new Ingestor(_store, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)), NullLogger<Ingestor>.Instance);
    }

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IngestOptions Options(UrlLevel level = UrlLevel.Path, string? urlField = null) =>
        new() { MaxParallelFiles = 1, Urls = { Level = level }, Mapping = { Url = urlField } };

    private Task PutTextAsync(string name, string text) =>
        _local.PutBytesAsync(TenantLayout.Raw(Tenant) + name, Encoding.UTF8.GetBytes(text), Token);

    private async Task<List<ClickEvent>> ReadEventsAsync()
    {
        var events = new List<ClickEvent>();
        await foreach (var item in _local.ListAsync(TenantLayout.Events(Tenant), cancellationToken: Token))
        {
            await foreach (var batch in EventFileReader.ReadAsync(_local.PathOf(item.Key), Token))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    events.Add(batch[i]);
                }
            }
        }

        return events.OrderBy(e => e.TimestampMicros).ToList();
    }

    [Fact]
    public async Task IngestAsync_SettingsChanged_ReingestsAndReplacesEventsNeverDoubles()
    {
        await PutTextAsync("a.csv", Csv);
        await _ingestor.IngestAsync(Tenant, Options(UrlLevel.Host), cancellationToken: Token);
        Assert.Equal(["shop.example.com", "shop.example.com"], (await ReadEventsAsync()).Select(e => e.Url));

        var again = await _ingestor.IngestAsync(Tenant, Options(UrlLevel.Path), cancellationToken: Token);

        Assert.Equal(IngestStatus.Ingested, Assert.Single(again.Files).Status);
        Assert.Equal(["shop.example.com/checkout", "shop.example.com/cart"], (await ReadEventsAsync()).Select(e => e.Url));
        var third = await _ingestor.IngestAsync(Tenant, Options(UrlLevel.Path), cancellationToken: Token);
        Assert.Equal(IngestStatus.AlreadyIngested, Assert.Single(third.Files).Status);
    }

    [Fact]
    public async Task IngestAsync_KilledBeforeTheLedgerAfterASettingsChange_NextRunReplacesNeverDoubles()
    {
        await PutTextAsync("a.csv", Csv);
        await _ingestor.IngestAsync(Tenant, Options(UrlLevel.Host), cancellationToken: Token);

        // The re-ingest writes its events files, then "dies" before its ledger record says so.
        var ledgerWrites = 0;
        _store.CrashAt = key => key.Contains("/_ledger/ingest/", StringComparison.Ordinal) && ++ledgerWrites == 2;
        await Assert.ThrowsAsync<IOException>(() => _ingestor.IngestAsync(Tenant, Options(UrlLevel.Path), cancellationToken: Token));
        Assert.Equal(2, (await ReadEventsAsync()).Count);

        var recovered = await _ingestor.IngestAsync(Tenant, Options(UrlLevel.Path), cancellationToken: Token);

        Assert.Equal(IngestStatus.Ingested, Assert.Single(recovered.Files).Status);
        Assert.Equal(["shop.example.com/checkout", "shop.example.com/cart"], (await ReadEventsAsync()).Select(e => e.Url));
    }

    [Fact]
    public async Task IngestAsync_KilledWhileReplacingThenSettingsChangedBack_NeverDoubles()
    {
        await PutTextAsync("a.csv", Csv);
        await _ingestor.IngestAsync(Tenant, Options(UrlLevel.Host), cancellationToken: Token);
        var ledgerWrites = 0;
        _store.CrashAt = key => key.Contains("/_ledger/ingest/", StringComparison.Ordinal) && ++ledgerWrites == 2;
        await Assert.ThrowsAsync<IOException>(() => _ingestor.IngestAsync(Tenant, Options(UrlLevel.Path), cancellationToken: Token));

        // The half-finished run's files are pending in the ledger: a run under yet other settings removes them too.
        await _ingestor.IngestAsync(Tenant, Options(UrlLevel.RegistrableDomain), cancellationToken: Token);

        Assert.Equal(["example.com", "example.com"], (await ReadEventsAsync()).Select(e => e.Url));
    }

    [Fact]
    public async Task IngestAsync_QuarantinedForAWrongMappingThenFixed_IngestsAndLeavesTheQuarantine()
    {
        await PutTextAsync("a.csv", Csv);
        var wrong = Assert.Single((await _ingestor.IngestAsync(Tenant, Options(urlField: "page_url"), cancellationToken: Token)).Files);
        Assert.Equal(IngestStatus.Quarantined, wrong.Status);
        Assert.Contains("'page_url'", wrong.Error, StringComparison.Ordinal);
        Assert.Contains("client_id, ts, url", wrong.Error, StringComparison.Ordinal);

        var fixedRun = Assert.Single((await _ingestor.IngestAsync(Tenant, Options(urlField: "url"), cancellationToken: Token)).Files);

        Assert.Equal(IngestStatus.Ingested, fixedRun.Status);
        Assert.Equal(2, (await ReadEventsAsync()).Count);
        Assert.Null(await _local.GetInfoAsync(wrong.QuarantineKey!, Token));
        Assert.Null(await _local.GetInfoAsync(wrong.QuarantineKey + ".reason.json", Token));
        Assert.Empty(await _ingestor.ListQuarantinedAsync(Tenant, Token));
    }

    [Fact]
    public async Task IngestAsync_RetryQuarantinedWithSameSettings_TriesAgain()
    {
        await PutTextAsync("a.csv", "client_id,ts,url\nc1,x,https://example.com/a\n");
        await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: Token);
        Assert.Equal([TenantLayout.Raw(Tenant) + "a.csv"], await _ingestor.ListQuarantinedAsync(Tenant, Token));

        var plain = await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: Token);
        var retried = await _ingestor.IngestAsync(Tenant, Options(), IngestRedo.Quarantined, cancellationToken: Token);

        Assert.Equal(IngestStatus.AlreadyQuarantined, Assert.Single(plain.Files).Status);
        Assert.Equal(IngestStatus.Quarantined, Assert.Single(retried.Files).Status);
        Assert.True(Assert.Single(retried.Files).RowsRead > 0);
    }

    [Fact]
    public async Task IngestFileAsync_RedoAll_ProcessesAgainAndKeepsOneCopyOfTheEvents()
    {
        await PutTextAsync("a.csv", Csv);
        var key = TenantLayout.Raw(Tenant) + "a.csv";
        await _ingestor.IngestFileAsync(Tenant, key, Options(), Token);

        var redone = await _ingestor.IngestFileAsync(Tenant, key, Options(), IngestRedo.All, Token);

        Assert.Equal(IngestStatus.Ingested, redone.Status);
        Assert.Equal(2, redone.RowsKept);
        Assert.Equal(2, (await ReadEventsAsync()).Count);
    }

    [Fact]
    public async Task IngestAsync_SameBytesUnderANewName_SkippedAsDuplicate()
    {
        await PutTextAsync("a.csv", Csv);
        await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: Token);
        await PutTextAsync("a-renamed.csv", Csv);

        var run = await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: Token);

        var renamed = run.Files.Single(f => f.Key.EndsWith("a-renamed.csv", StringComparison.Ordinal));
        Assert.Equal(IngestStatus.DuplicateContent, renamed.Status);
        Assert.Contains("a.csv", renamed.Error, StringComparison.Ordinal);
        Assert.Equal(1, run.DuplicateContent);
        Assert.Equal(2, (await ReadEventsAsync()).Count);
    }

    [Fact]
    public async Task IngestAsync_SameBytesUnderANewNameWithPolicyIngest_Ingested()
    {
        await PutTextAsync("a.csv", Csv);
        await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: Token);
        await PutTextAsync("b.csv", Csv);
        var options = Options();
        options.DuplicateContent = DuplicateContentPolicy.Ingest;

        var run = await _ingestor.IngestAsync(Tenant, options, cancellationToken: Token);

        Assert.Equal(IngestStatus.Ingested, run.Files.Single(f => f.Key.EndsWith("b.csv", StringComparison.Ordinal)).Status);
        Assert.Equal(4, (await ReadEventsAsync()).Count);
    }

    [Fact]
    public async Task IngestAsync_EveryUrlInvalid_QuarantinedByTheBadRowShare()
    {
        // An access log without a default host: every path is an invalid URL. Before, the file was "ingested" with 0 events.
        await PutTextAsync("a.csv", "client_id,ts,url\nc1,2026-11-25T10:00:00Z,/index.html\nc2,2026-11-25T10:00:00Z,/about\n");

        var file = Assert.Single((await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: Token)).Files);

        Assert.Equal(IngestStatus.Quarantined, file.Status);
        Assert.Contains("InvalidUrl: 2", file.Error, StringComparison.Ordinal);
    }
}
