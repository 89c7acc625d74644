using System.Text.Json;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion;

/// <summary>The health read keeps the ledger between calls: it reads what changed, and answers as the full ledger does.</summary>
public sealed class IngestLedgerCacheTests : IDisposable
{
    private const string Tenant = "acme";
    private static readonly DateOnly Today = new(2026, 12, 3);
    private readonly TempFolder _folder = new();
    private readonly ReadCountingObjectStore _store;
    private readonly IngestLedger _ledger;
    private readonly Ingestor _ingestor;

    public IngestLedgerCacheTests()
    {
        _store = new ReadCountingObjectStore(new LocalObjectStore(_folder.Path));
        _ledger = new IngestLedger(_store);
        _ingestor = new Ingestor(_store, new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero)), NullLogger<Ingestor>.Instance);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadHealthAsync_AfterRecordsAddedChangedAndDeleted_EqualsTheSummaryOfTheWholeLedger()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 6; i++)
        {
            await _ledger.SaveAsync(Tenant, Record($"raw/{i}.avro", Ingested(Today.AddDays(-i), kept: 10 + i)), ct);
        }

        Assert.Equal(await FullAsync(ct), Json(await _ingestor.ReadHealthAsync(Tenant, Today, 30, 100, ct)));

        await _ledger.SaveAsync(Tenant, Record("raw/new.avro", Ingested(Today, kept: 3)), ct);
        await _ledger.SaveAsync(Tenant, Record("raw/1.avro", Ingested(Today.AddDays(-1), kept: 11), Quarantined(Today)), ct);
        await _ledger.SaveAsync(Tenant, Record("raw/2.avro", Ingested(Today.AddDays(-2), kept: 12), Ingested(Today, kept: 40)), ct);
        await DeleteRecordAsync("raw/3.avro", ct);

        var health = await _ingestor.ReadHealthAsync(Tenant, Today, 30, 100, ct);

        Assert.Equal(await FullAsync(ct), Json(health));
        Assert.Equal((6, 1, 10L + 11 + 12 + 40 + 14 + 15 + 3), (health.Files, health.QuarantinedTotal, health.EventsKept));
    }

    [Fact]
    public async Task ReadHealthAsync_SecondCall_ReadsOnlyTheRecordThatChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 5; i++)
        {
            await _ledger.SaveAsync(Tenant, Record($"raw/{i}.avro", Ingested(Today.AddDays(-i), kept: 1)), ct);
        }

        await _ingestor.ReadHealthAsync(Tenant, Today, 30, 100, ct);
        await _ledger.SaveAsync(Tenant, Record("raw/4.avro", Ingested(Today.AddDays(-4), kept: 1), Ingested(Today, kept: 2)), ct);
        _store.Reset();

        var health = await _ingestor.ReadHealthAsync(Tenant, Today, 30, 100, ct);

        Assert.Equal(1, _store.Reads);
        Assert.Equal(7L, health.EventsKept);
    }

    [Fact]
    public async Task ReadHealthAsync_FileQuarantinedAfterAnEarlierCall_IsShownQuarantinedNotHealthy()
    {
        var ct = TestContext.Current.CancellationToken;
        await _ledger.SaveAsync(Tenant, Record("raw/a.avro", Ingested(Today.AddDays(-1), kept: 5)), ct);
        Assert.Equal(0, (await _ingestor.ReadHealthAsync(Tenant, Today, 7, 100, ct)).QuarantinedTotal);

        await _ledger.SaveAsync(Tenant, Record("raw/a.avro", Ingested(Today.AddDays(-1), kept: 5), Quarantined(Today)), ct);
        var health = await _ingestor.ReadHealthAsync(Tenant, Today, 7, 100, ct);

        Assert.Equal(1, health.QuarantinedTotal);
        Assert.Equal("raw/a.avro", Assert.Single(health.Quarantined).Key);
        Assert.Equal(1, health.IngestDays[^1].FilesQuarantined);
    }

    [Fact]
    public void Slim_KeepsEverythingTheSummaryReads()
    {
        var full = Record("raw/a.avro", Ingested(Today, kept: 5) with { Outputs = ["events/x.parquet"], BadRowSamples = [new BadRowSample(3, DropReason.MissingUrl)] }, Quarantined(Today));

        Assert.Equal(
            Json(IngestHealthSummary.Summarize([full], Today, 3, 10)),
            Json(IngestHealthSummary.Summarize([IngestLedgerCache.Slim(full)], Today, 3, 10)));
        Assert.Empty(IngestLedgerCache.Slim(full).Versions[0].Report.Outputs);
    }

    private async Task DeleteRecordAsync(string sourceKey, CancellationToken ct)
    {
        await foreach (var item in _ledger.ListObjectsAsync(Tenant, ct))
        {
            if ((await _ledger.ReadObjectAsync(item.Key, ct))?.Key == sourceKey)
            {
                Assert.True(await _store.DeleteAsync(item.Key, ct));
                return;
            }
        }

        Assert.Fail($"no ledger record for {sourceKey}");
    }

    private async Task<string> FullAsync(CancellationToken ct) =>
        Json(IngestHealthSummary.Summarize(await _ledger.ListAsync(Tenant, ct).ToListAsync(ct), Today, 30, 100));

    private static string Json(IngestHealth health) => JsonSerializer.Serialize(health, ClickcastJson.Options);

    private static IngestLedgerRecord Record(string key, params FileIngestReport[] reports) =>
        new(key, [.. reports.Select((r, i) => new IngestLedgerVersion($"{i:x4}{key.GetHashCode():x8}", ["etag"], 1, r with { Key = key }))]);

    private static FileIngestReport Ingested(DateOnly day, long kept) => new()
    {
        Key = "k",
        Status = IngestStatus.Ingested,
        StartedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
        RowsRead = kept + 2,
        RowsKept = kept,
        Dropped = new Dictionary<DropReason, long> { [DropReason.Bot] = 2 },
        KeptPerDay = [new DayCount(day.AddDays(-1), kept)],
        FirstEventMicros = EventFile.ToMicros(day.AddDays(-1).ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc)),
        LastEventMicros = EventFile.ToMicros(day.AddDays(-1).ToDateTime(new TimeOnly(23, 0), DateTimeKind.Utc)),
        Duration = TimeSpan.FromSeconds(2),
    };

    private static FileIngestReport Quarantined(DateOnly day) => new()
    {
        Key = "k",
        Status = IngestStatus.Quarantined,
        StartedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
        RowsRead = 7,
        Error = "bad",
        QuarantineKey = "quarantine/k",
    };
}
