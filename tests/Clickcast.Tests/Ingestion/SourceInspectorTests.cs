using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Testing;

namespace Clickcast.Tests.Ingestion;

public sealed class SourceInspectorTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Ingestion", "Fixtures", "nested-events.jsonl");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InspectAsync_NestedJsonLinesWithOffsets_DetectsFieldsAndNormalizesSamples()
    {
        var inspection = await SourceInspector.InspectAsync(Fixture, new IngestOptions(), cancellationToken: Token);

        Assert.Null(inspection.Error);
        Assert.Equal(SourceFormat.JsonLines, inspection.Format);
        Assert.Contains("context.page.url", inspection.Fields);
        Assert.Equal(new ResolvedFieldMapping("profile.cid", "time", "context.page.url", null, null, "context.userAgent"), inspection.Mapping);
        Assert.Equal(5, inspection.Samples.Count);
        var first = inspection.Samples[0];
        Assert.Equal("shop.example.com/checkout", first.Token);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero), first.Time);
        Assert.Equal("example.com/blog", inspection.Samples[1].Token);
        Assert.Equal(DropReason.Bot, inspection.Samples[2].Dropped);
        Assert.Equal(DropReason.InvalidTimestamp, inspection.Samples[3].Dropped);
        Assert.Equal(DropReason.StaticAsset, inspection.Samples[4].Dropped);
        Assert.Equal((6L, 3L), (inspection.RowsRead, inspection.RowsKept));
        Assert.Contains("\"clientId\": \"profile.cid\"", inspection.SuggestedMapping, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_MappedFieldMissing_SaysItWouldBeQuarantinedAndListsTheFields()
    {
        var options = new IngestOptions { Mapping = { ClientId = "profile.id" } };

        var inspection = await SourceInspector.InspectAsync(Fixture, options, cancellationToken: Token);

        Assert.Contains("'profile.id' is not in the source", inspection.Error, StringComparison.Ordinal);
        Assert.Contains("profile.cid", inspection.Error, StringComparison.Ordinal);
        Assert.Contains("profile.cid", inspection.Fields);
        Assert.Null(inspection.SuggestedMapping);
    }

    [Fact]
    public async Task InspectAsync_MostRowsUnreadable_SaysItWouldBeQuarantined()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "paths.csv");
        await File.WriteAllTextAsync(path, "client_id,ts,url\nc1,2026-11-25T10:00:00Z,/index.html\nc2,2026-11-25T10:00:00Z,/about\n", Token);

        var inspection = await SourceInspector.InspectAsync(path, new IngestOptions(), cancellationToken: Token);

        Assert.Contains("2 of 2 rows are unreadable", inspection.Error, StringComparison.Ordinal);
        Assert.Contains("ingest.urls.defaultHost", inspection.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_HeaderlessCsvWithColumnsAndTokens_ReadsTheFirstLineAsDataAndKeepsTokens()
    {
        var excerpt = Path.Combine(AppContext.BaseDirectory, "Ingestion", "Fixtures", "diginetica-excerpt.csv");
        var options = new IngestOptions
        {
            Mapping =
            {
                Columns = ["session_id", "user_id", "event_date", "timeframe_ms", "event_type", "item_id", "order_number"],
                ClientId = "session_id",
                Timestamp = "event_date",
                Url = "item_id",
                EventType = "event_type",
                UrlKind = UrlFieldKind.Token,
            },
        };

        var inspection = await SourceInspector.InspectAsync(excerpt, options, cancellationToken: Token);

        Assert.Null(inspection.Error);
        Assert.Equal((34L, 34L), (inspection.RowsRead, inspection.RowsKept));
        Assert.Equal(("1", "9654", "view"), (inspection.Samples[0].ClientId, inspection.Samples[0].Token, inspection.Samples[0].EventType));
        Assert.Contains("\"urlKind\": \"Token\"", inspection.SuggestedMapping, StringComparison.Ordinal);
        Assert.Contains("\"columns\"", inspection.SuggestedMapping, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_ColumnsSetForAJsonLinesFile_SaysItWouldBeQuarantined()
    {
        var options = new IngestOptions { Mapping = { Columns = ["client_id", "ts", "url"] } };

        var inspection = await SourceInspector.InspectAsync(Fixture, options, cancellationToken: Token);

        Assert.Contains("Mapping.Columns names the columns of headerless CSV or TSV files", inspection.Error, StringComparison.Ordinal);
    }
}
