using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.Storage;

namespace Clickcast.Tests.Ingestion;

public sealed class IngestorNormalizersTests
{
    private const string First = """
        client_id,ts,url,user_agent
        c1,2026-11-25T10:00:00Z,https://www.shop.example.com/cart?gclid=1,Mozilla/5.0
        c1,2026-11-25T10:01:00Z,https://shop.example.com/product/7#reviews,Mozilla/5.0
        c2,2026-11-25T10:02:00Z,https://blog.example.com/a/./b/,Googlebot/2.1
        c3,2026-11-25T10:03:00Z,https://cdn.example.com/app.js,Mozilla/5.0
        """;

    private const string Second = """
        client_id,ts,url,user_agent
        c4,2026-11-26T10:00:00Z,https://shop.example.com/cart,Mozilla/5.0
        c5,2026-11-26T10:01:00Z,https://blog.example.com/a/b?utm_source=x,Mozilla/5.0
        c2,2026-11-26T10:02:00Z,https://blog.example.com/a/./b/,Mozilla/5.0
        c6,2026-11-26T10:03:00Z,ht!tp:/ broken url,Mozilla/5.0
        """;

    [Fact]
    public async Task IngestAsync_FilesOfOneRun_ShareOneNormalizer_EventsAsEachIngestedAlone()
    {
        var options = new IngestOptions { MaxParallelFiles = 2, Urls = { Level = UrlLevel.Path } };
        using var together = new IngestHarness();
        await together.PutTextAsync("a.csv", First);
        await together.PutTextAsync("b.csv", Second);

        var run = await together.Ingestor.IngestAsync(IngestHarness.Tenant, options, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, run.Ingested);
        Assert.Equal(1, together.Ingestor.Normalizers.Count);
        var apart = new List<ClickEvent>();
        foreach (var (name, text) in new[] { ("a.csv", First), ("b.csv", Second) })
        {
            using var alone = new IngestHarness();
            await alone.PutTextAsync(name, text);
            Assert.Equal(IngestStatus.Ingested, (await alone.IngestAsync(name, options)).Status);
            apart.AddRange(await alone.ReadEventsAsync());
        }

        var events = await together.ReadEventsAsync();
        Assert.Equal(5, events.Count);
        Assert.Equal(apart.OrderBy(e => e.TimestampMicros), events);
    }

    [Fact]
    public async Task IngestFileAsync_OtherSettingsInTheSameIngestor_EachFileCutAsItsSettingsSay()
    {
        using var harness = new IngestHarness();
        await harness.PutTextAsync("a.csv", First);
        await harness.PutTextAsync("b.csv", Second);

        await harness.IngestAsync("a.csv", new IngestOptions { MaxParallelFiles = 1, Urls = { Level = UrlLevel.Path } });
        await harness.IngestAsync("b.csv", new IngestOptions { MaxParallelFiles = 1, Urls = { Level = UrlLevel.RegistrableDomain } });

        var events = await harness.ReadEventsAsync();
        Assert.Equal(
            ["shop.example.com/cart", "shop.example.com/product", "example.com", "example.com", "example.com"],
            events.Select(e => e.Url));
        Assert.Equal(2, harness.Ingestor.Normalizers.Count);
    }
}
