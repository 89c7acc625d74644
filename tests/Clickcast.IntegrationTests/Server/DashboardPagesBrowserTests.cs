using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Scoring;
using Clickcast.Storage;
using Microsoft.Playwright;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// The run detail and client lookup pages in headless Chromium, on a demo server of its own (a quarantined file is
/// added to it): each run shows the state its outcome says, lineage links lead to the runs they name, a looked-up
/// client shows the API's score, an unknown one a clear message; no console errors, no request beyond 127.0.0.1.
/// </summary>
public sealed class DashboardPagesBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string TaskHash => $"#/t/{DemoServer.Shop}/{DemoServer.Task}";

    [Fact]
    public async Task RunAndClientPages_ShowStatesLineageAndScoresAsStored()
    {
        await using var demo = await DemoServer.StartAsync();
        await RunAsync(demo);
    }

    private static async Task RunAsync(DemoServer demo)
    {
        var host = demo.Host;
        await host.Get<IObjectStore>().PutBytesAsync(TenantLayout.Raw(DemoServer.Shop) + "wrong.csv", Encoding.UTF8.GetBytes("who,when,where\na,b,c\n"), Token);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        var queue = host.Get<JobQueue>();
        var quarantined = (await queue.ListAsync(new JobQuery { Tenant = DemoServer.Shop, Kind = JobKind.Ingest, Limit = 1000 }, Token)).Single(j => j.Outcome == RunOutcome.Quarantined);
        var scoring = (await queue.ListAsync(new JobQuery { Tenant = DemoServer.Shop, Kind = JobKind.Score, Limit = 100 }, Token)).First(j => j.Outcome == RunOutcome.Succeeded && j.ParentId is not null);
        var clients = JsonDocument.Parse(scoring.Result!).RootElement.GetProperty("run").GetProperty("clients").GetInt64();
        using var api = host.Client(demo.ShopKey);

        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(host.Address, demo.ShopKey, TaskHash);
        var page = browser.Page;

        // The task page links each run to its page.
        var first = page.Locator("[data-testid=runs-table] tbody tr a[data-run]").First;
        var firstId = await first.GetAttributeAsync("data-run");
        await first.ClickAsync();
        await page.Locator($"h1:has-text('run {firstId} ')").WaitForAsync();

        // A run that ended normally but quarantined its file says so, with the reason.
        await page.EvaluateAsync($"location.hash = '{TaskHash}/runs/{quarantined.Id}'");
        await page.Locator($"h1:has-text('Ingest run {quarantined.Id}')").WaitForAsync();
        Assert.Equal("Quarantined", await page.GetAttributeAsync("[data-testid=run-state]", "data-state"));
        Assert.Equal("quarantined", await page.TextContentAsync("[data-testid=run-state]"));
        Assert.Contains("Fields in this source: who, when, where", await page.TextContentAsync("[data-testid=run-reason]"), StringComparison.Ordinal);
        var logged = await api.GetFromJsonAsync<JsonElement>(new Uri($"api/tenants/{DemoServer.Shop}/runs/{quarantined.Id}", UriKind.Relative), Token);
        var lines = logged.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()).ToList();
        Assert.NotEmpty(lines);
        Assert.Equal(lines, await page.Locator("[data-testid=run-log] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[5].textContent)"));
        await browser.ScreenshotAsync("run-quarantined.png");

        // A scoring run that did its work: succeeded, its result as stored, its log, its parent one click away.
        await page.EvaluateAsync($"location.hash = '{TaskHash}/runs/{scoring.Id}'");
        await page.Locator($"h1:has-text('Score run {scoring.Id}')").WaitForAsync();
        Assert.Equal("Succeeded", await page.GetAttributeAsync("[data-testid=run-state]", "data-state"));
        Assert.Equal(clients.ToString(CultureInfo.InvariantCulture), await Cell(page, "run-result", "run.clients"));
        var detail = await api.GetFromJsonAsync<JsonElement>(new Uri($"api/tenants/{DemoServer.Shop}/runs/{scoring.Id}", UriKind.Relative), Token);
        Assert.Equal(detail.GetProperty("logs").GetArrayLength(), await page.Locator("[data-testid=run-log] tbody tr").CountAsync());
        Assert.Equal(detail.GetProperty("children").GetArrayLength(), await page.Locator("[data-testid=run-children] a[data-run]").CountAsync());
        await browser.ScreenshotAsync("run-detail.png");
        await page.ClickAsync($"[data-testid=run-parents] a[data-run='{scoring.ParentId}']");
        var parent = (await queue.GetAsync(scoring.ParentId!.Value, Token))!;
        await page.Locator($"h1:has-text('{parent.Kind} run {parent.Id}')").WaitForAsync();
        Assert.Equal(scoring.Id.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync($"[data-testid=run-children] a[data-run='{scoring.Id}']", "data-run"));

        // A real client, looked up from the task page: the page shows the API's score, chain and factors.
        var known = await ClientLookupApiTests.ScoredClientAsync(host, minEvents: 6);
        var score = (await api.GetFromJsonAsync<ClientScore>(new Uri($"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}/predictions/clients/{Uri.EscapeDataString(known)}?top=10", UriKind.Relative), ClickcastJson.Options, Token))!;
        await page.EvaluateAsync($"location.hash = '{TaskHash}'");
        await page.FillAsync("#client-id", known);
        await page.ClickAsync("#client-go");
        await page.Locator("[data-testid=client-probability]").WaitForAsync();
        Assert.Equal(score.Prediction.Probability.ToString("F4", CultureInfo.InvariantCulture), await page.TextContentAsync("[data-testid=client-probability]"));
        Assert.Equal(score.Prediction.Bucket, await page.TextContentAsync("[data-testid=client-bucket]"));
        Assert.Equal($"v{score.Prediction.ModelVersion}", await page.TextContentAsync("[data-testid=client-model]"));
        Assert.Equal(score.Chain!.Count, await page.Locator("[data-testid=client-chain] tbody tr").CountAsync());
        Assert.Equal(score.Chain.Count(e => e.Observed), await page.Locator("[data-testid=client-chain] tbody tr[data-observed=true]").CountAsync());
        Assert.Equal(score.TopUrls.Select(t => t.Token), await page.Locator("[data-testid=client-factors] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[0].textContent)"));
        await browser.ScreenshotAsync("client-lookup.png");

        // An unknown client: a clear message, not an error page.
        await page.FillAsync("#client-id", "no-such-client-42");
        await page.ClickAsync("#client-go");
        await page.Locator("[data-testid=client-missing]").WaitForAsync();
        Assert.StartsWith("No score for client no-such-client-42 in shop/checkout.", await page.TextContentAsync("[data-testid=client-missing]"), StringComparison.Ordinal);

        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    /// <summary>The value cell of the (field, value) table <paramref name="testId"/> whose field is <paramref name="field"/>.</summary>
    private static Task<string> Cell(IPage page, string testId, string field) =>
        page.Locator($"[data-testid={testId}] tbody tr").EvaluateAllAsync<string>($"rows => rows.find(r => r.cells[0].textContent === '{field}')?.cells[1].textContent ?? 'missing'");
}
