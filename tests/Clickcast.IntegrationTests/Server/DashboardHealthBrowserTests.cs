using System.Globalization;
using System.Net.Http.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Server.Health;
using Clickcast.Storage;
using Microsoft.Playwright;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// The data health page (issue 14): events-per-day bars, the quarantine list and its retry action show what the
/// health API says, on a demo server of its own (the retry queues runs) with one file that is quarantined.
/// </summary>
public sealed class DashboardHealthBrowserTests
{
    private const string BadFile = "broken.csv";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HealthPage_DemoDataAndAQuarantinedFile_ShowsTheApisNumbersAndRetries()
    {
        await using var demo = await DemoServer.StartAsync();
        await RunAsync(demo);
    }

    private static async Task RunAsync(DemoServer demo)
    {
        var host = demo.Host;
        await host.Get<IObjectStore>().PutBytesAsync(TenantLayout.Raw(DemoServer.Shop) + BadFile, "client_id,ts,url\na,yesterday,/x\nb,last week,/y\n"u8.ToArray(), Token);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        using var api = host.Client(demo.ShopKey);
        var health = (await api.GetFromJsonAsync<TenantHealth>(new Uri($"api/tenants/{DemoServer.Shop}/health?days=30", UriKind.Relative), ClickcastJson.Options, Token))!;
        var quarantined = Assert.Single(health.Ingest.Quarantined);
        Assert.EndsWith(BadFile, quarantined.Key, StringComparison.Ordinal);
        Assert.Contains(health.Ingest.EventDays, d => d.Events > 0);

        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(host.Address, demo.ShopKey);
        await browser.Page.Locator("[data-testid=health-link]").First.ClickAsync();
        await browser.Page.Locator("[data-testid=events-per-day]").WaitForAsync();
        Assert.EndsWith($"#/health/{DemoServer.Shop}", browser.Page.Url, StringComparison.Ordinal);

        // One bar per day of the API's range, each with the API's count: zero days included.
        var bars = browser.Page.Locator("[data-testid=events-per-day] rect[data-day]");
        Assert.Equal(health.Ingest.EventDays.Count, await bars.CountAsync());
        for (var i = 0; i < health.Ingest.EventDays.Count; i++)
        {
            var expected = health.Ingest.EventDays[i];
            Assert.Equal(expected.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await bars.Nth(i).GetAttributeAsync("data-day"));
            Assert.Equal(expected.Events.ToString(CultureInfo.InvariantCulture), await bars.Nth(i).GetAttributeAsync("data-events"));
        }

        var first = DateOnly.FromDateTime(health.Ingest.FirstEventAt!.Value.UtcDateTime);
        var gaps = health.Ingest.EventDays.Count(d => d.Events == 0 && d.Day >= first);
        Assert.StartsWith(gaps == 0 ? "No day without events" : $"{gaps} day(s) without any event", await browser.Page.TextContentAsync("[data-testid=event-gaps]"), StringComparison.Ordinal);
        Assert.Equal(health.Ingest.EventsKept.ToString("N0", CultureInfo.InvariantCulture), await browser.Page.TextContentAsync("[data-testid=events-kept]"));
        Assert.Equal("1", await browser.Page.TextContentAsync("[data-testid=quarantined-total]"));
        Assert.Equal(health.Sequences!.Clients.ToString("N0", CultureInfo.InvariantCulture), await browser.Page.TextContentAsync("[data-testid=clients]"));
        var row = browser.Page.Locator("[data-testid=quarantine-table] tbody tr");
        Assert.Equal(1, await row.CountAsync());
        var rowText = await row.InnerTextAsync();
        Assert.Contains(quarantined.Key, rowText, StringComparison.Ordinal);
        Assert.Contains(quarantined.Reason, rowText, StringComparison.Ordinal);
        var reasons = await browser.Page.InnerTextAsync("[data-testid=drop-reasons]");
        Assert.Contains(health.Ingest.IngestDays.Sum(d => d.EventsKept).ToString("N0", CultureInfo.InvariantCulture), reasons, StringComparison.Ordinal);
        await browser.ScreenshotAsync("data-health.png");

        await browser.Page.ClickAsync("[data-action=retry-quarantine]");
        await browser.Page.ClickAsync("#confirm-yes");
        await browser.Page.Locator("[data-testid=result-message]", new PageLocatorOptions { HasTextString = "1 ingest run(s) queued for quarantined files." }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        var queued = await host.Get<JobQueue>().ListAsync(new JobQuery { Tenant = DemoServer.Shop, Kind = JobKind.Ingest, Status = JobStatus.Queued, Limit = 10 }, Token);
        Assert.Contains(queued, j => j.Payload.Contains(BadFile, StringComparison.Ordinal));

        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    [Fact]
    public async Task HealthPage_TenantWithoutData_SaysSo()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<Clickcast.Tenants.TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);

        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(host.Address, ServerHost.AdminKey, $"#/health/{DemoServer.Other}");
        await browser.Page.Locator("[data-testid=health-empty]").WaitForAsync();

        Assert.Contains("No file has been ingested", await browser.Page.InnerTextAsync("[data-testid=health-empty]"), StringComparison.Ordinal);
        Assert.Equal("0", await browser.Page.TextContentAsync("[data-testid=files]"));
        Assert.DoesNotContain("null", await browser.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }
}
