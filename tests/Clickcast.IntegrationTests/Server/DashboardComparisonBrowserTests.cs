using System.Globalization;
using System.Net.Http.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Scoring;
using Clickcast.Server.Models;
using Clickcast.Storage;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// The version comparison page and expected vs actual over time (issue 14), in a real browser against the demo
/// server, whose second wave retrains a challenger judged against the first champion.
/// </summary>
public sealed class DashboardComparisonBrowserTests(DemoServer demo)
{
    private static readonly string[] ChartIds = ["compare-roc", "compare-pr", "compare-gains", "compare-lift", "compare-calibration"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Task => $"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}";

    private static string TaskHash => $"#/t/{DemoServer.Shop}/{DemoServer.Task}";

    [Fact]
    public async Task ComparePage_FromTheVersionsTable_OverlaysChallengerAndChampionOnTheSameTestClients()
    {
        using var api = demo.Host.Client(demo.ShopKey);
        var models = (await api.GetFromJsonAsync<ModelList>(new Uri(Task + "/models", UriKind.Relative), ClickcastJson.Options, Token))!;
        var challenger = models.Versions.First(v => v.ChampionAucOnSameTest is not null).Version;
        var comparison = (await api.GetFromJsonAsync<VersionComparison>(new Uri($"{Task}/models/{challenger}/comparison", UriKind.Relative), ClickcastJson.Options, Token))!;
        var champion = comparison.ChampionVersion!.Value;

        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, demo.ShopKey, TaskHash);
        await browser.Page.ClickAsync($"[data-testid=versions-table] a[href='{TaskHash}/compare/{challenger}']");
        await browser.Page.Locator("[data-testid=compare-calibration]").WaitForAsync();

        foreach (var chart in ChartIds)
        {
            Assert.Equal(1, await browser.Page.Locator($"[data-testid={chart}] path[data-series=v{challenger}]").CountAsync());
            Assert.Equal(1, await browser.Page.Locator($"[data-testid={chart}] path[data-series=v{champion}]").CountAsync());
        }

        Assert.Equal(comparison.Test.Curves.Roc.Count.ToString(CultureInfo.InvariantCulture), await PointsAsync(browser, "compare-roc", challenger));
        Assert.Equal(comparison.Champion!.Curves.Roc.Count.ToString(CultureInfo.InvariantCulture), await PointsAsync(browser, "compare-roc", champion));
        Assert.Equal(comparison.Champion.Curves.PrecisionRecall.Count.ToString(CultureInfo.InvariantCulture), await PointsAsync(browser, "compare-pr", champion));
        Assert.Equal(comparison.Champion.Curves.Calibration.Count.ToString(CultureInfo.InvariantCulture), await PointsAsync(browser, "compare-calibration", champion));
        Assert.Equal(comparison.Test.RocAuc, await ValueAsync(browser, $"auc-v{challenger}"));
        Assert.Equal(comparison.Champion.RocAuc, await ValueAsync(browser, $"auc-v{champion}"));
        Assert.Equal(comparison.Champion.RocAuc.ToString("0.0000", CultureInfo.InvariantCulture), await browser.Page.TextContentAsync($"[data-testid=auc-v{champion}]"));
        Assert.Equal(comparison.Champion.RocAucInterval!.Value.Lower, await ValueAsync(browser, $"auc-interval-v{champion}"));
        Assert.Equal(comparison.Difference!.Value.Difference, await ValueAsync(browser, "auc-difference"));
        Assert.Equal("true", await browser.Page.GetAttributeAsync("[data-testid=comparison-kind]", "data-same"));
        Assert.Contains("Same test clients", await browser.Page.TextContentAsync("[data-testid=comparison-kind]"), StringComparison.Ordinal);

        await browser.ScreenshotAsync("version-comparison.png");
        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    [Fact]
    public async Task ComparePage_TwoVersionsWithoutAStoredComparison_SaysDifferentTestClients()
    {
        using var api = demo.Host.Client(demo.ShopKey);
        var first = (await api.GetFromJsonAsync<VersionComparison>(new Uri($"{Task}/models/1/comparison", UriKind.Relative), ClickcastJson.Options, Token))!;

        // v1 with itself: two trained versions with no comparison between them, each drawn from its own test.
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, demo.ShopKey, TaskHash + "/compare/1");
        await browser.Page.Locator("[data-testid=compare-roc]").WaitForAsync();
        var alone = await browser.Page.Locator("[data-testid=compare-roc] path[data-series]").CountAsync();
        var aloneKind = await browser.Page.GetAttributeAsync("[data-testid=comparison-kind]", "data-same");
        await browser.Page.SelectOptionAsync("[data-testid=compare-b]", "1");
        await browser.Page.ClickAsync("[data-testid=compare-go]");
        await browser.Page.WaitForURLAsync(url => url.EndsWith("/compare/1/1", StringComparison.Ordinal));
        await browser.Page.Locator("[data-testid=compare-metrics] th:nth-child(3)").WaitForAsync();

        await browser.ScreenshotAsync("version-comparison-different-tests.png");
        Assert.Equal(1, alone);
        Assert.Equal("false", aloneKind);
        Assert.Equal("false", await browser.Page.GetAttributeAsync("[data-testid=comparison-kind]", "data-same"));
        Assert.Contains("Different test clients", await browser.Page.TextContentAsync("[data-testid=comparison-kind]"), StringComparison.Ordinal);
        Assert.Equal("v1 (own test clients)", await browser.Page.TextContentAsync("[data-testid=compare-metrics] th:nth-child(3)"));
        Assert.Equal(first.Test.RocAuc, await ValueAsync(browser, "auc-v1"));
        Assert.Equal(0, await browser.Page.Locator("[data-testid=auc-difference]").CountAsync());
        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    [Fact]
    public async Task TaskPage_ExpectedVsActualOverTime_DrawsEveryClosedRun()
    {
        using var api = demo.Host.Client(demo.ShopKey);
        var points = (await api.GetFromJsonAsync<List<MonitoringPoint>>(new Uri(Task + "/predictions/monitoring", UriKind.Relative), ClickcastJson.Options, Token))!;
        Assert.NotEmpty(points);

        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, demo.ShopKey, TaskHash);
        await browser.Page.Locator("[data-testid=expected-actual-over-time]").WaitForAsync();
        var actual = await browser.Page.Locator("[data-testid=expected-actual-over-time] circle[data-series=actual]")
            .EvaluateAllAsync<double[]>("dots => dots.map(d => Number(d.dataset.y))");
        var expected = await browser.Page.Locator("[data-testid=expected-actual-over-time] circle[data-series=expected]")
            .EvaluateAllAsync<double[]>("dots => dots.map(d => Number(d.dataset.y))");

        await browser.ScreenshotAsync("expected-actual-over-time.png");
        Assert.Equal(points.Count.ToString(CultureInfo.InvariantCulture), await browser.Page.GetAttributeAsync("[data-testid=expected-actual-over-time] path[data-series=expected]", "data-points"));
        Assert.Equal(points.Select(p => p.ActualRate), actual);
        Assert.Equal(points.Select(p => p.ExpectedRate), expected);
        Assert.Equal(1, await browser.Page.Locator("[data-testid=expected-actual-chart]").CountAsync());
        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    private static Task<string?> PointsAsync(DashboardBrowser browser, string chart, int version) =>
        browser.Page.GetAttributeAsync($"[data-testid={chart}] path[data-series=v{version}]", "data-points");

    private static async Task<double> ValueAsync(DashboardBrowser browser, string testId) =>
        double.Parse((await browser.Page.GetAttributeAsync($"[data-testid={testId}]", "data-value"))!, CultureInfo.InvariantCulture);
}
