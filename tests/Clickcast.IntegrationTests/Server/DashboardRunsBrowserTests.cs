using System.Globalization;
using System.Net.Http.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Microsoft.Playwright;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// The tenant's runs page (issue 14): every run of the tenant as the runs API lists it, newest first, with its kind
/// filter and "older" pager; task-less runs (ingest) open their run page; a bar of the task page's runs timeline opens
/// its run. On a demo server of its own, so no other test queues runs while the page and the API are compared.
/// </summary>
public sealed class DashboardRunsBrowserTests
{
    private const int PageSize = 25;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunsPage_DemoTenant_ListsTheApisRunsFiltersAndLinksEachRun()
    {
        await using var demo = await DemoServer.StartAsync();
        await RunAsync(demo);
    }

    private static async Task RunAsync(DemoServer demo)
    {
        using var api = demo.Host.Client(demo.ShopKey);
        var all = await RunsAsync(api, "limit=1000");
        var ingests = await RunsAsync(api, "kind=Ingest&limit=1000");
        Assert.True(all.Count > PageSize, $"the demo has {all.Count} runs: the pager needs more than {PageSize}");
        Assert.Contains(all, r => r.Task is null);

        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, demo.ShopKey);
        var page = browser.Page;
        await page.Locator("[data-testid=runs-link]").First.ClickAsync();
        await page.Locator("[data-testid=runs-list]").WaitForAsync();
        Assert.EndsWith($"#/runs/{DemoServer.Shop}", page.Url, StringComparison.Ordinal);

        // The first page, then one more with "older": the same ids, kinds and statuses as the API, newest first.
        Assert.Equal(Rows(all.Take(PageSize)), await RowsAsync(page));
        await browser.ScreenshotAsync("runs-list.png");
        await page.ClickAsync("[data-testid=runs-older]");
        await page.Locator($"[data-testid=runs-list][data-rows='{Math.Min(2 * PageSize, all.Count)}']").WaitForAsync();
        Assert.Equal(Rows(all.Take(2 * PageSize)), await RowsAsync(page));

        // The kind filter narrows the list to that kind.
        await page.SelectOptionAsync("[data-testid=runs-kind]", "Ingest");
        await page.Locator("[data-testid=runs-list][data-kind=Ingest]").WaitForAsync();
        Assert.Equal(Rows(ingests.Take(PageSize)), await RowsAsync(page));
        Assert.Equal(ingests.Count > PageSize, await page.Locator("[data-testid=runs-older]").IsVisibleAsync());
        Assert.DoesNotContain("null", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // An ingest run has no task: its link opens its run page under the tenant, with the state its outcome says.
        var ingest = ingests[0];
        await page.ClickAsync($"[data-testid=runs-list] a[data-run='{ingest.Id}']");
        await page.Locator($"h1:has-text('Ingest run {ingest.Id} ')").WaitForAsync();
        Assert.EndsWith($"#/runs/{DemoServer.Shop}/{ingest.Id}", page.Url, StringComparison.Ordinal);
        Assert.Equal((ingest.Outcome?.ToString() ?? ingest.Status.ToString()), await page.GetAttributeAsync("[data-testid=run-state]", "data-state"));
        Assert.Equal(ingest.Status.ToString(), await page.TextContentAsync("[data-testid=run-status]"));
        Assert.Equal($"#/runs/{DemoServer.Shop}", await page.GetAttributeAsync("#crumbs a:has-text('runs')", "href"));

        // A bar of the task page's runs timeline opens that run's page.
        await page.EvaluateAsync($"location.hash = '#/t/{DemoServer.Shop}/{DemoServer.Task}'");
        var bar = page.Locator("[data-testid=runs-timeline] a").First;
        await bar.WaitForAsync();
        var id = (await bar.GetAttributeAsync("href"))!.Split('/')[^1];
        var run = all.Single(r => r.Id.ToString(CultureInfo.InvariantCulture) == id);
        await bar.ClickAsync();
        await page.Locator($"h1:has-text('{run.Kind} run {run.Id} ')").WaitForAsync();
        Assert.EndsWith($"/runs/{run.Id}", page.Url, StringComparison.Ordinal);

        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    private static async Task<List<Job>> RunsAsync(HttpClient api, string query) =>
        (await api.GetFromJsonAsync<List<Job>>(new Uri($"api/tenants/{DemoServer.Shop}/runs?{query}", UriKind.Relative), ClickcastJson.Options, Token))!;

    private static string[] Rows(IEnumerable<Job> runs) => runs.Select(r => $"{r.Id} {r.Kind} {r.Status}").ToArray();

    private static Task<string[]> RowsAsync(IPage page) => page.Locator("[data-testid=runs-list] tbody tr").EvaluateAllAsync<string[]>(
        "rows => rows.map(r => `${r.querySelector('a[data-run]').dataset.run} ${r.querySelector('td [data-kind]').dataset.kind} ${r.querySelector('td [data-status]').dataset.status}`)");
}
