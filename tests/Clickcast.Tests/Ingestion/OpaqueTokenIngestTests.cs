using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;

namespace Clickcast.Tests.Ingestion;

/// <summary>Non-web event data: item ids as opaque tokens from a headerless CSV whose columns the settings name.</summary>
public sealed class OpaqueTokenIngestTests : IDisposable
{
    private static readonly string[] DigineticaColumns = ["session_id", "user_id", "event_date", "timeframe_ms", "event_type", "item_id", "order_number"];
    private readonly IngestHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static byte[] Excerpt() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Ingestion", "Fixtures", "diginetica-excerpt.csv"));

    private static IngestOptions DigineticaOptions(UrlFieldKind kind)
    {
        var options = new IngestOptions { MaxParallelFiles = 1 };
        foreach (var column in DigineticaColumns)
        {
            options.Mapping.Columns.Add(column);
        }

        options.Mapping.ClientId = "session_id";
        options.Mapping.Timestamp = "event_date";
        options.Mapping.Url = "item_id";
        options.Mapping.EventType = "event_type";
        options.Mapping.UrlKind = kind;
        return options;
    }

    [Fact]
    public async Task IngestFileAsync_DigineticaExcerptWithItemTokens_KeepsEveryRowWithItsEventType()
    {
        var report = await _harness.PutAndIngestAsync("diginetica.csv", Excerpt(), DigineticaOptions(UrlFieldKind.Token));

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(34, report.RowsRead);
        Assert.Equal(34, report.RowsKept);
        Assert.Empty(report.Dropped);
        var events = await _harness.ReadEventsAsync();
        Assert.Equal(30, events.Count(e => e.EventType == "view"));
        var purchases = events.Where(e => e.EventType == "purchase").ToList();
        Assert.Equal(["175874", "25911", "31233", "35324"], purchases.Select(e => e.Url).Order(StringComparer.Ordinal));
        Assert.Contains(events, e => e is { ClientId: "1", Url: "9654", EventType: "view" });
    }

    [Fact]
    public async Task IngestFileAsync_DigineticaExcerptAsUrls_DropsItemIdsAsInvalidUrls()
    {
        var report = await _harness.PutAndIngestAsync("diginetica.csv", Excerpt(), DigineticaOptions(UrlFieldKind.Url));

        Assert.Equal(0, report.RowsKept);
        Assert.True(report.Dropped.GetValueOrDefault(DropReason.InvalidUrl) > 0, string.Join(", ", report.Dropped));
    }

    [Fact]
    public async Task IngestFileAsync_ItemIdsReadAsUrls_QuarantineReasonPointsToUrlKindToken()
    {
        var report = await _harness.PutAndIngestAsync("diginetica.csv", Excerpt(), DigineticaOptions(UrlFieldKind.Url));

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("ingest.mapping.urlKind to Token", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_ItemIdsReadAsUrls_PointsToUrlKindToken()
    {
        using var folder = new Clickcast.Testing.TempFolder();
        var path = folder.File("diginetica.csv");
        await File.WriteAllBytesAsync(path, Excerpt(), TestContext.Current.CancellationToken);

        var inspection = await SourceInspector.InspectAsync(path, DigineticaOptions(UrlFieldKind.Url), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("ingest.mapping.urlKind to Token", inspection.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sku\u0001x", DropReason.InvalidToken)]
    [InlineData("  screen/Home  ", DropReason.None)]
    [InlineData("品番-42 😀", DropReason.None)]
    public void Check_Token_IsValidatedNotParsed(string token, DropReason expected) =>
        Assert.Equal(expected, OpaqueToken.Check(token));

    [Fact]
    public void Check_UnpairedSurrogate_IsInvalid() =>
        Assert.Equal(DropReason.InvalidToken, OpaqueToken.Check("sku" + (char)0xD800 + "x"));

    [Fact]
    public async Task IngestFileAsync_TokenLongerThanTheLimit_DroppedAsTooLong()
    {
        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Mapping.UrlKind = UrlFieldKind.Token;
        options.Limits.MaxUrlLength = 16;
        var csv = "client_id,ts,item\nc1,2026-11-25T10:00:00Z,sku-1\nc1,2026-11-25T10:01:00Z," + new string('x', 17) + "\n";

        var report = await _harness.PutAndIngestAsync("a.csv", System.Text.Encoding.UTF8.GetBytes(csv), OptionsWithUrl(options, "item"));

        Assert.Equal(1, report.RowsKept);
        Assert.Equal(1, report.Dropped[DropReason.UrlTooLong]);
        Assert.Equal("sku-1", Assert.Single(await _harness.ReadEventsAsync()).Url);
    }

    [Fact]
    public async Task IngestFileAsync_ColumnsForAJsonLinesFile_QuarantinedNamingTheSetting()
    {
        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Mapping.Columns.Add("client_id");

        var report = await _harness.PutAndIngestAsync("a.jsonl", """{"client_id":"c1","ts":"2026-11-25T10:00:00Z","url":"https://example.com/"}"""u8.ToArray(), options);

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("Mapping.Columns", report.Error, StringComparison.Ordinal);
    }

    private static IngestOptions OptionsWithUrl(IngestOptions options, string url)
    {
        options.Mapping.Url = url;
        return options;
    }
}
