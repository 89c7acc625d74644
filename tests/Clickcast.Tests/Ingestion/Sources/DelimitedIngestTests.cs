using System.Text;
using Clickcast.Ingestion;

namespace Clickcast.Tests.Ingestion.Sources;

/// <summary>TSV sources, with a header row or with the column names in the settings.</summary>
public sealed class DelimitedIngestTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task IngestFileAsync_TsvWithHeader_IsIngested()
    {
        var tsv = "visitor_id\ttimestamp\tpage_url\tevent_type\n"
            + "v1\t2026-11-25T10:00:00Z\thttps://shop.example.com/cart\tpage_view\n"
            + "v2\t2026-11-25T10:00:01Z\t\"https://shop.example.com/a,b\"\tadd_to_cart\n"
            + "v1\t2026-11-25T10:00:02Z\thttps://shop.example.com/checkout\t\n";

        var report = await _harness.PutAndIngestAsync("events.tsv", Encoding.UTF8.GetBytes(tsv));

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(SourceFormat.Tsv, report.Format);
        Assert.Equal(3, report.RowsKept);
        var events = await _harness.ReadEventsAsync();
        Assert.Equal(["page_view", "add_to_cart", "page_view"], events.Select(e => e.EventType));
        Assert.Equal(["v1", "v2", "v1"], events.Select(e => e.ClientId));
        Assert.Equal(["shop.example.com/cart", "shop.example.com/checkout"], new[] { events[0].Url, events[2].Url }); // host + first path segment by default
        Assert.StartsWith("shop.example.com/a", events[1].Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestFileAsync_HeaderlessTsvWithConfiguredColumns_ReadsTheFirstLineAsData()
    {
        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Mapping.Columns = ["who", "when", "where"];
        options.Mapping.ClientId = "who";
        options.Mapping.Timestamp = "when";
        options.Mapping.Url = "where";
        var tsv = "v1\t2026-11-25T10:00:00Z\thttps://shop.example.com/a\nv2\t2026-11-25T10:00:01Z\thttps://shop.example.com/b\n";

        var report = await _harness.PutAndIngestAsync("events.tsv", Encoding.UTF8.GetBytes(tsv), options);

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(2, report.RowsKept);
        Assert.Equal(["v1", "v2"], (await _harness.ReadEventsAsync()).Select(e => e.ClientId));
    }

    [Fact]
    public async Task IngestFileAsync_ConfiguredColumnsRepeatAName_Quarantined()
    {
        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Mapping.Columns = ["a", "a", "b"];

        var report = await _harness.PutAndIngestAsync("events.csv", "x,y,z\n"u8.ToArray(), options);

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("Mapping.Columns", report.Error, StringComparison.Ordinal);
    }
}
