using System.Text;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Ingestion;

public sealed class IngestorTests : IDisposable
{
    private const string Tenant = "acme";
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;
    private readonly Ingestor _ingestor;

    public IngestorTests()
    {
        _store = new LocalObjectStore(_folder.Path);
        _ingestor = new Ingestor(_store, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)), NullLogger<Ingestor>.Instance);
    }

    public void Dispose() => _folder.Dispose();

    private static IngestOptions Options() => new() { MaxParallelFiles = 1 };

    private Task<StoredObject> PutTextAsync(string name, string text) =>
        _store.PutBytesAsync(TenantLayout.Raw(Tenant) + name, Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken);

    private async Task<List<ClickEvent>> ReadEventsAsync()
    {
        var events = new List<ClickEvent>();
        await foreach (var item in _store.ListAsync(TenantLayout.Events(Tenant), cancellationToken: TestContext.Current.CancellationToken))
        {
            await foreach (var batch in EventFileReader.ReadAsync(_store.PathOf(item.Key), TestContext.Current.CancellationToken))
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
    public async Task IngestAsync_Csv_WritesEventsPerDay()
    {
        await PutTextAsync("a.csv", "client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://shop.example.com/cart\nc2,2026-11-26T10:00:00Z,https://shop.example.com/\n");

        var run = await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);

        var file = Assert.Single(run.Files);
        Assert.True(file.Status == IngestStatus.Ingested, file.Error);
        Assert.Equal(2, file.RowsKept);
        Assert.Equal(2, file.Outputs.Count);
        Assert.Contains(file.Outputs, key => key.Contains("/events/date=2026-11-25/", StringComparison.Ordinal));
        var events = await ReadEventsAsync();
        Assert.Equal(["c1", "c2"], events.Select(e => e.ClientId));
        Assert.All(events, e => Assert.Equal("page_view", e.EventType));
    }

    [Fact]
    public async Task IngestAsync_SameFileTwice_AddsNothingTheSecondTime()
    {
        await PutTextAsync("a.csv", "client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://example.com/a\n");
        await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);

        var second = await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(IngestStatus.AlreadyIngested, Assert.Single(second.Files).Status);
        Assert.Single(await ReadEventsAsync());
    }

    [Fact]
    public async Task IngestAsync_SameBytesReuploaded_IsRecognisedByContentHash()
    {
        const string Csv = "client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://example.com/a\n";
        await PutTextAsync("a.csv", Csv);
        await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(_store.PathOf(TenantLayout.Raw(Tenant) + "a.csv"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var second = await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(IngestStatus.AlreadyIngested, Assert.Single(second.Files).Status);
        Assert.Single(await ReadEventsAsync());
    }

    [Fact]
    public async Task IngestAsync_ChangedContent_IsIngestedAsNewVersion()
    {
        await PutTextAsync("a.csv", "client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://example.com/a\n");
        await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);
        await PutTextAsync("a.csv", "client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://example.com/a\nc1,2026-11-25T11:00:00Z,https://example.com/b\n");

        var second = await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(IngestStatus.Ingested, Assert.Single(second.Files).Status);
    }

    [Fact]
    public async Task IngestAsync_EmptyFile_IsQuarantinedAndOthersProceed()
    {
        await PutTextAsync("empty.csv", string.Empty);
        await PutTextAsync("good.csv", "client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://example.com/a\n");

        var run = await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);

        var empty = run.Files.Single(f => f.Key.EndsWith("empty.csv", StringComparison.Ordinal));
        Assert.Equal(IngestStatus.Quarantined, empty.Status);
        Assert.Contains("empty.csv", empty.Error, StringComparison.Ordinal);
        Assert.Contains("empty", empty.Error, StringComparison.Ordinal);
        Assert.NotNull(await _store.GetInfoAsync(empty.QuarantineKey!, TestContext.Current.CancellationToken));
        Assert.NotNull(await _store.GetInfoAsync(empty.QuarantineKey + ".reason.json", TestContext.Current.CancellationToken));
        Assert.Equal(IngestStatus.Ingested, run.Files.Single(f => f.Key.EndsWith("good.csv", StringComparison.Ordinal)).Status);
        Assert.Single(await ReadEventsAsync());
    }

    [Fact]
    public async Task IngestAsync_QuarantinedFileUnchanged_StaysQuarantinedWithoutRework()
    {
        await PutTextAsync("empty.csv", string.Empty);
        await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);

        var second = await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(IngestStatus.AlreadyQuarantined, Assert.Single(second.Files).Status);
    }

    [Fact]
    public async Task IngestAsync_BadRows_AreCountedWithRowNumbers()
    {
        var csv = new StringBuilder("client_id,ts,url\n");
        csv.Append("c1,2026-11-25T10:00:00Z,https://example.com/a\n");  // line 2: kept
        csv.Append("c2,not-a-time,https://example.com/a\n");            // line 3: bad timestamp
        csv.Append(",2026-11-25T10:00:00Z,https://example.com/a\n");    // line 4: no client
        csv.Append("c3,2026-11-25T10:00:00Z,\n");                        // line 5: no url
        csv.Append("c4,2026-11-25T10:00:00Z,https://example.com/").Append('x', 20_000).Append('\n'); // line 6: URL too long
        for (var i = 0; i < 4; i++)
        {
            csv.Append("c5,2026-11-25T10:00:00Z,https://example.com/b\n"); // lines 7-10: kept
        }

        await PutTextAsync("a.csv", csv.ToString());

        var file = Assert.Single((await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken)).Files);

        Assert.Equal(IngestStatus.Ingested, file.Status);
        Assert.Equal(9, file.RowsRead);
        Assert.Equal(5, file.RowsKept);
        Assert.Equal(1, file.Dropped[DropReason.InvalidTimestamp]);
        Assert.Equal(1, file.Dropped[DropReason.MissingClientId]);
        Assert.Equal(1, file.Dropped[DropReason.MissingUrl]);
        Assert.Equal(1, file.Dropped[DropReason.UrlTooLong]);
        Assert.Contains(new BadRowSample(3, DropReason.InvalidTimestamp), file.BadRowSamples);
        Assert.Contains(new BadRowSample(6, DropReason.UrlTooLong), file.BadRowSamples);
    }

    [Fact]
    public async Task IngestAsync_MostlyBadRows_QuarantinesWithMappingHint()
    {
        await PutTextAsync("a.csv", "client_id,ts,url\nc1,x,https://example.com/a\nc2,y,https://example.com/a\nc3,2026-11-25T10:00:00Z,https://example.com/a\n");

        var file = Assert.Single((await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken)).Files);

        Assert.Equal(IngestStatus.Quarantined, file.Status);
        Assert.Contains("2 of 3 rows", file.Error, StringComparison.Ordinal);
        Assert.Empty(await ReadEventsAsync());
    }

    [Fact]
    public async Task IngestAsync_QuarantinePolicy_AnyBadRowQuarantinesFile()
    {
        await PutTextAsync("a.csv", "client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://example.com/a\nc2,bad,https://example.com/a\nc3,2026-11-25T10:00:00Z,https://example.com/a\n");
        var options = Options();
        options.BadRows = BadRowPolicy.QuarantineFile;

        var file = Assert.Single((await _ingestor.IngestAsync(Tenant, options, cancellationToken: TestContext.Current.CancellationToken)).Files);

        Assert.Equal(IngestStatus.Quarantined, file.Status);
        Assert.Contains("row 3", file.Error, StringComparison.Ordinal);
        Assert.Empty(await ReadEventsAsync());
    }

    [Fact]
    public async Task IngestAsync_InvalidUtf8_IsABadRowNotACrash()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://example.com/a\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("c2,2026-11-25T10:00:00Z,https://example.com/"));
        bytes.AddRange([0xC3, 0x28, (byte)'\n']);
        bytes.AddRange(Encoding.UTF8.GetBytes("c3,2026-11-25T10:00:00Z,https://example.com/b\n"));
        await _store.PutBytesAsync(TenantLayout.Raw(Tenant) + "a.csv", bytes.ToArray(), TestContext.Current.CancellationToken);

        var file = Assert.Single((await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken)).Files);

        Assert.Equal(IngestStatus.Ingested, file.Status);
        Assert.Equal(1, file.Dropped[DropReason.InvalidUtf8]);
        Assert.Contains(new BadRowSample(3, DropReason.InvalidUtf8), file.BadRowSamples);
    }

    [Fact]
    public async Task IngestAsync_JsonLinesNestedWithEpochMillis_MapsDottedPaths()
    {
        await PutTextAsync("a.jsonl",
            """
            {"profile":{"cid":"p1"},"timestamp":1764064800000,"context":{"page":{"url":"https://news.example.com/a"}},"type":"view"}
            {"profile":{"cid":"p2"},"timestamp":"2025-11-25T10:00:00Z","context":{"page":{"url":"https://news.example.com/b"}},"type":"click"}
            not json at all
            """);

        var file = Assert.Single((await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken)).Files);

        Assert.Equal(IngestStatus.Ingested, file.Status);
        Assert.Equal(new ResolvedFieldMapping("profile.cid", "timestamp", "context.page.url", "type", null, null), file.Mapping);
        Assert.Equal(2, file.RowsKept);
        Assert.Equal(1, file.Dropped[DropReason.MalformedRecord]);
        var events = await ReadEventsAsync();
        Assert.Equal(["view", "click"], events.Select(e => e.EventType));
        Assert.Equal(events[0].TimestampMicros, events[1].TimestampMicros);
    }

    [Fact]
    public async Task IngestAsync_UnknownExtension_QuarantinedWithHint()
    {
        await PutTextAsync("a.bin", "hello");

        var file = Assert.Single((await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken)).Files);

        Assert.Equal(IngestStatus.Quarantined, file.Status);
        Assert.Contains("unknown format", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_OutputIsReadableByDuckDb()
    {
        await PutTextAsync("a.csv", "client_id,ts,url,event_type\nc1,2026-11-25T10:00:00Z,https://example.com/a,purchase\n");
        var file = Assert.Single((await _ingestor.IngestAsync(Tenant, Options(), cancellationToken: TestContext.Current.CancellationToken)).Files);

        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT tenant, client_id, epoch_us(ts), event_type FROM read_parquet('{_store.PathOf(file.Outputs[0])}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("acme", reader.GetString(0));
        Assert.Equal("c1", reader.GetString(1));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000, reader.GetInt64(2));
        Assert.Equal("purchase", reader.GetString(3));
    }
}
