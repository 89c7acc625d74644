using System.Net;
using System.Net.Http.Json;
using System.Text;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.IntegrationTests.Support;
using Clickcast.Server.Health;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tenants.Keys;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// GET /api/tenants/{t}/health over the real Apache access log in ../shared/data, ingested in two halves on two days
/// with a day between, plus a file that is quarantined: every figure equals what the ingest reports and the events say.
/// </summary>
public sealed class HealthApiTests
{
    private const string Tenant = DemoServer.Other;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_RealLogOnTwoDaysAndABadFile_EqualsTheIngestReports()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        var readKey = (await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Read, Tenant, "reader", "test", Token)).Secret;
        var store = host.Get<IObjectStore>();
        var today = TimeProvider.System.GetUtcNow();
        var firstDay = today.UtcDateTime.Date.AddDays(-3).AddHours(10);
        var clock = new FakeTimeProvider(new DateTimeOffset(firstDay));
        var ingestor = new Ingestor(store, clock, NullLogger<Ingestor>.Instance);
        var options = new IngestOptions { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1, DefaultHost = "semicomplete.com" } };
        var lines = await File.ReadAllLinesAsync(SharedData.File("apache-combined/access.log"), Token);

        await store.PutBytesAsync(TenantLayout.Raw(Tenant) + "first.log", Encoding.UTF8.GetBytes(string.Join('\n', lines[..6_000])), Token);
        var first = await ingestor.IngestAsync(Tenant, options, cancellationToken: Token);
        clock.Advance(TimeSpan.FromDays(2)); // the day between receives nothing
        await store.PutBytesAsync(TenantLayout.Raw(Tenant) + "second.log", Encoding.UTF8.GetBytes(string.Join('\n', lines[6_000..])), Token);
        await store.PutBytesAsync(TenantLayout.Raw(Tenant) + "broken.csv", "client_id,ts,url\na,yesterday,/x\nb,last week,/y\nc,soon,/z\n"u8.ToArray(), Token);
        var second = await ingestor.IngestAsync(Tenant, options, cancellationToken: Token);

        using var api = host.Client(readKey);
        var health = (await api.GetFromJsonAsync<TenantHealth>(new Uri($"api/tenants/{Tenant}/health?days=7", UriKind.Relative), ClickcastJson.Options, Token))!;

        var reports = first.Files.Concat(second.Files).ToList();
        var broken = Assert.Single(reports, r => r.Status == IngestStatus.Quarantined);
        Assert.Equal(2, reports.Count(r => r.Status == IngestStatus.Ingested));
        Assert.Equal(7, health.Ingest.IngestDays.Count);
        Assert.Equal(DateOnly.FromDateTime(health.CheckedAt.UtcDateTime), health.Ingest.IngestDays[^1].Day);
        AssertDay(health, first.Files, DateOnly.FromDateTime(firstDay));
        AssertDay(health, second.Files, DateOnly.FromDateTime(firstDay.AddDays(2)));
        var gap = Assert.Single(health.Ingest.IngestDays, d => d.Day == DateOnly.FromDateTime(firstDay.AddDays(1)));
        Assert.Equal((0, 0, 0L, 0L), (gap.FilesIngested, gap.FilesQuarantined, gap.RowsRead, gap.EventsKept));
        Assert.Equal(lines.Length + 3, health.Ingest.IngestDays.Sum(d => d.RowsRead));

        // Events per day of their time: what the events files hold, counted independently of the reports (a skipped
        // file's report repeats its outputs: only the ingested ones count).
        var perDay = await CountEventsPerDayAsync(store, reports.Where(r => r.Status == IngestStatus.Ingested).SelectMany(r => r.Outputs));
        Assert.Equal(reports.Sum(r => r.RowsKept), health.Ingest.EventsKept);
        Assert.Equal(perDay.Values.Sum(), health.Ingest.EventsKept);
        Assert.Equal(7, health.Ingest.EventDays.Count);
        Assert.Equal(perDay.Keys.Max(), health.Ingest.EventDays[^1].Day);
        Assert.All(health.Ingest.EventDays, d => Assert.Equal(perDay.GetValueOrDefault(d.Day), d.Events));
        Assert.Equal(new DateOnly(2015, 5, 17), perDay.Keys.Min());
        Assert.Equal(0, health.Ingest.UndatedEvents);
        Assert.Equal(reports.Min(r => r.FirstEventMicros), EventFile.ToMicros(health.Ingest.FirstEventAt!.Value.UtcDateTime));
        Assert.Equal(reports.Max(r => r.LastEventMicros), EventFile.ToMicros(health.Ingest.LatestEventAt!.Value.UtcDateTime));

        var listed = Assert.Single(health.Ingest.Quarantined);
        Assert.Equal(1, health.Ingest.QuarantinedTotal);
        Assert.Equal((broken.Key, broken.Error, broken.QuarantineKey, broken.ContentSha256, broken.RowsRead), (listed.Key, listed.Reason, listed.QuarantineKey, listed.ContentSha256, listed.RowsRead));
        Assert.Equal(3, health.Ingest.Files);
        Assert.Null(health.Sequences);
        Assert.Equal(health.CheckedAt - health.Ingest.LastIngestAt, health.SinceLastIngest);
        Assert.True(health.DataAge > TimeSpan.FromDays(365 * 10), $"{health.DataAge}");
    }

    [Theory]
    [InlineData("days=0")]
    [InlineData("days=367")]
    [InlineData("days=many")]
    public async Task Health_DaysOutOfRange_Is400Problem(string query)
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        using var admin = host.Client(ServerHost.AdminKey);

        using var response = await admin.GetAsync(new Uri($"api/tenants/{Tenant}/health?{query}", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_UnknownTenant_Is404_AndAnEmptyTenant_HasZeroDays()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        using var admin = host.Client(ServerHost.AdminKey);

        using var missing = await admin.GetAsync(new Uri("api/tenants/nobody/health", UriKind.Relative), Token);
        var empty = (await admin.GetFromJsonAsync<TenantHealth>(new Uri($"api/tenants/{Tenant}/health", UriKind.Relative), ClickcastJson.Options, Token))!;

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HealthApi.DefaultDays, empty.Ingest.IngestDays.Count);
        Assert.All(empty.Ingest.IngestDays, d => Assert.Equal((0, 0L), (d.FilesIngested, d.RowsRead)));
        Assert.Empty(empty.Ingest.EventDays);
        Assert.Empty(empty.Ingest.Quarantined);
        Assert.Null(empty.SinceLastIngest);
        Assert.Null(empty.DataAge);
    }

    private static void AssertDay(TenantHealth health, IReadOnlyList<FileIngestReport> files, DateOnly day)
    {
        var shown = Assert.Single(health.Ingest.IngestDays, d => d.Day == day);
        var ingested = files.Where(f => f.Status == IngestStatus.Ingested).ToList();
        Assert.Equal(ingested.Count, shown.FilesIngested);
        Assert.Equal(files.Count(f => f.Status == IngestStatus.Quarantined), shown.FilesQuarantined);
        Assert.Equal(files.Sum(f => f.RowsRead), shown.RowsRead);
        Assert.Equal(ingested.Sum(f => f.RowsKept), shown.EventsKept);
        Assert.Equal(files.Where(f => f.Status == IngestStatus.Quarantined).Sum(f => f.RowsRead), shown.RowsInQuarantinedFiles);
        var expected = ingested.SelectMany(f => f.Dropped).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        Assert.Equal(expected, shown.Dropped.ToDictionary(d => d.Reason, d => d.Rows));
        Assert.Contains(shown.Dropped, d => d.Reason == DropReason.StaticAsset && d.Kind == DropKind.Noise);
        Assert.Equal(shown.RowsRead, shown.EventsKept + shown.Dropped.Sum(d => d.Rows) + shown.RowsInQuarantinedFiles);
    }

    private static async Task<Dictionary<DateOnly, long>> CountEventsPerDayAsync(IObjectStore store, IEnumerable<string> keys)
    {
        var counts = new Dictionary<DateOnly, long>();
        foreach (var key in keys)
        {
            using var copy = await store.GetLocalCopyAsync(key, Token);
            await foreach (var batch in EventFileReader.ReadAsync(copy.Path, Token))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var day = DateOnly.FromDateTime(EventFile.ToDateTime(batch.TimestampsMicros[i]));
                    counts[day] = counts.GetValueOrDefault(day) + 1;
                }
            }
        }

        return counts;
    }
}
