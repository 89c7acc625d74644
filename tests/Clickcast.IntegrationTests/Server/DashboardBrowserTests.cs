using System.Globalization;
using System.Net.Http.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Server.Models;
using Clickcast.Storage;
using Clickcast.Training;
using Microsoft.Playwright;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// The dashboard in a real browser: Debian's headless Chromium driven by Playwright, against the demo server. Checks
/// that the charts render with the numbers the API gives, and saves a screenshot as a test artifact
/// (<c>artifacts/screenshots/dashboard-task.png</c>; <c>CLICKCAST_SCREENSHOT</c> names another file).
/// </summary>
public sealed class DashboardBrowserTests(DemoServer demo)
{
    /// <summary>Debian's Chromium: Playwright's own browsers are never downloaded.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TaskPage_DemoServer_DrawsTheApisNumbers()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (tests/services/services.sh does)");
        using var api = demo.Host.Client(demo.ShopKey);
        var task = $"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}";
        var models = (await api.GetFromJsonAsync<ModelList>(new Uri(task + "/models", UriKind.Relative), ClickcastJson.Options, Token))!;
        var champion = models.Versions.Single(v => v.Status == ModelStatus.Champion);
        var metrics = (await api.GetFromJsonAsync<ModelEvaluation>(new Uri($"{task}/models/{champion.Version}/metrics", UriKind.Relative), ClickcastJson.Options, Token))!;
        var predictions = (await api.GetFromJsonAsync<PredictionSummary>(new Uri(task + "/predictions", UriKind.Relative), ClickcastJson.Options, Token))!;
        Assert.True(models.Versions.Count >= 2, "the demo should have a challenger");
        Assert.NotNull(predictions.Monitoring);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        await page.GotoAsync(new Uri(demo.Host.Address, "/dashboard/").ToString());

        // Sign in with the tenant's key, then open the task from the overview.
        await page.FillAsync("#key", demo.ShopKey);
        await page.ClickAsync("#sign-in");
        await page.Locator("[data-testid=task-row]").First.WaitForAsync();
        Assert.Equal(1, await page.Locator("[data-testid=task-row]").CountAsync());
        await page.ClickAsync($"a[href='#/t/{DemoServer.Shop}/{DemoServer.Task}']");
        await page.Locator("[data-testid=roc-chart]").WaitForAsync();

        Assert.Equal(champion.TestAuc!.Value.ToString("0.0000", CultureInfo.InvariantCulture), await page.TextContentAsync("[data-testid=champion-auc]"));
        Assert.Equal(metrics.Test.Quality.Tier.ToString(), await page.TextContentAsync("[data-testid=champion-tier]"));
        Assert.Equal(metrics.Warnings?.Count ?? 0, await page.Locator("[data-testid=model-warnings] li").CountAsync());
        Assert.Equal($"v{champion.Version}", await page.TextContentAsync("[data-testid=champion-version]"));
        Assert.Equal(metrics.Test.Curves.Roc.Count.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("[data-testid=roc-chart] path[data-series=roc]", "data-points"));
        Assert.Equal(metrics.Test.Curves.Gains.Count.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("[data-testid=gains-chart] path[data-series=gains]", "data-points"));

        // One bar per version, at its test AUC: the champion and every challenger.
        var bars = page.Locator("[data-testid=versions-chart] rect[data-version]");
        Assert.Equal(models.Versions.Count, await bars.CountAsync());
        foreach (var version in models.Versions)
        {
            var auc = await page.GetAttributeAsync($"[data-testid=versions-chart] rect[data-version='{version.Version}']", "data-auc");
            Assert.Equal(version.TestAuc!.Value, double.Parse(auc!, CultureInfo.InvariantCulture), 12);
        }

        // The histogram adds up to the clients scored; bucket sizes are the API's.
        var counts = await page.Locator("[data-testid=histogram] rect[data-count]").EvaluateAllAsync<long[]>("bars => bars.map(b => Number(b.dataset.count))");
        Assert.Equal(PredictionInsights.HistogramBins, counts.Length);
        Assert.Equal(predictions.Clients, counts.Sum());
        var bucketRows = await page.Locator("[data-testid=buckets-table] tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent))");
        Assert.Equal(predictions.Buckets.Select(b => (b.Bucket, b.Clients.ToString("N0", CultureInfo.InvariantCulture))), bucketRows.Select(r => (r[0], r[1])));

        // Expected vs actual per bucket, from the closed outcome window.
        var expected = await page.Locator("[data-testid=expected-actual-chart] rect[data-name=actual]").EvaluateAllAsync<double[]>("bars => bars.map(b => Number(b.dataset.value))");
        Assert.Equal(predictions.Monitoring!.Buckets.Select(b => b.ActualRate), expected);
        Assert.True(await page.Locator("[data-testid=raising-tokens] tbody tr").CountAsync() > 0);
        Assert.True(await page.Locator("[data-testid=runs-timeline] rect").CountAsync() > 0);
        Assert.True(await page.Locator("[data-testid=runs-table] [data-outcome]").CountAsync() > 0, "finished runs show their outcome");
        Assert.True(await page.Locator("[data-testid=deliveries-table] tbody tr").CountAsync() > 0);

        var screenshot = Environment.GetEnvironmentVariable("CLICKCAST_SCREENSHOT") is { Length: > 0 } path ? path
            : Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard-task.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        TestContext.Current.AddAttachment("dashboard-task.png", await File.ReadAllBytesAsync(screenshot, Token), "image/png");
    }
}
