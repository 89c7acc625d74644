using System.Globalization;
using System.Net.Http.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Server.Models;
using Clickcast.Storage;
using Clickcast.Training;
using Clickcast.Training.Evaluation;

namespace Clickcast.IntegrationTests.Server;

/// <summary>The "Choose an audience" slider (issue 14): each position shows the champion's test operating point and the audience size.</summary>
public sealed class DashboardAudienceBrowserTests(DemoServer demo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AudienceSlider_TwoPositions_ShowTheTestCurvePointAndAudience()
    {
        using var api = demo.Host.Client(demo.ShopKey);
        var task = $"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}";
        var models = (await api.GetFromJsonAsync<ModelList>(new Uri(task + "/models", UriKind.Relative), ClickcastJson.Options, Token))!;
        var champion = models.Versions.Single(v => v.Status == ModelStatus.Champion);
        var metrics = (await api.GetFromJsonAsync<ModelEvaluation>(new Uri($"{task}/models/{champion.Version}/metrics", UriKind.Relative), ClickcastJson.Options, Token))!;
        var predictions = (await api.GetFromJsonAsync<PredictionSummary>(new Uri(task + "/predictions", UriKind.Relative), ClickcastJson.Options, Token))!;
        Assert.True(predictions.Clients > 0);

        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, demo.ShopKey, $"#/t/{DemoServer.Shop}/{DemoServer.Task}");
        var slider = browser.Page.GetByLabel("Share of clients to flag");
        await slider.WaitForAsync();
        var initial = await slider.InputValueAsync();

        // By keyboard: Home (0 %), then ten steps of 0.5 % to 5 %.
        await slider.FocusAsync();
        await browser.Page.Keyboard.PressAsync("Home");
        for (var i = 0; i < 10; i++)
        {
            await browser.Page.Keyboard.PressAsync("ArrowRight");
        }

        var first = await ShownAsync(browser);
        var keyed = await slider.InputValueAsync();
        await slider.FillAsync("30");
        var second = await ShownAsync(browser);

        await browser.ScreenshotAsync("dashboard-audience.png");

        Assert.Equal((Math.Round(metrics.Test.Threshold.FlaggedRate * 200, MidpointRounding.AwayFromZero) / 2).ToString(CultureInfo.InvariantCulture), initial);
        Assert.Equal("5", keyed);
        AssertPoint(metrics.Test, 0.05, first, predictions.Clients);
        AssertPoint(metrics.Test, 0.30, second, predictions.Clients);
        Assert.True(second.Share > first.Share, $"30 % flags {second.Share}, 5 % flags {first.Share}");
        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    [Fact]
    public async Task AudienceCard_TaskWithoutAChampion_SaysSo()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, ServerHost.AdminKey, $"#/t/{DemoServer.Other}/churn");
        await browser.Page.Locator("[data-testid=audience-empty]").WaitForAsync();
        var text = await browser.Page.InnerTextAsync("[data-testid=audience]");

        Assert.Contains("No champion yet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.Equal(0, await browser.Page.Locator("[data-testid=audience-slider]").CountAsync());
        Assert.Empty(browser.ConsoleErrors);
    }

    /// <summary>The expected point: the ROC point flagging the most test clients without exceeding <paramref name="share"/>.</summary>
    private static void AssertPoint(ModelMetrics test, double share, Shown shown, long clients)
    {
        var pi = test.PositiveRate;
        var best = (Share: 0.0, Point: test.Curves.Roc[0]);
        foreach (var p in test.Curves.Roc)
        {
            var s = (p.TruePositiveRate * pi) + (p.FalsePositiveRate * (1 - pi));
            if (s <= share + 1e-12 && s >= best.Share)
            {
                best = (s, p);
            }
        }

        Assert.Equal(best.Point.Threshold, shown.Threshold, 1e-12);
        Assert.Equal(best.Point.TruePositiveRate, shown.Recall, 1e-12);
        Assert.Equal(best.Share, shown.Share, 1e-12);
        Assert.Equal(best.Point.TruePositiveRate * pi / best.Share, shown.Precision, 1e-12);
        Assert.Equal(best.Point.Threshold.ToString("0.0000", CultureInfo.InvariantCulture), shown.ThresholdText);
        Assert.InRange(shown.Audience, (best.Share * clients) - 0.5, (best.Share * clients) + 0.5);
    }

    private static async Task<Shown> ShownAsync(DashboardBrowser browser)
    {
        async Task<string> Value(string id) => (await browser.Page.GetAttributeAsync($"[data-testid={id}]", "data-value"))!;
        double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
        return new Shown(
            Number(await Value("audience-threshold")), Number(await Value("audience-precision")), Number(await Value("audience-recall")),
            Number(await Value("audience-flagged")), Number(await Value("audience-size")), (await browser.Page.TextContentAsync("[data-testid=audience-threshold]"))!);
    }

    private sealed record Shown(double Threshold, double Precision, double Recall, double Share, double Audience, string ThresholdText);
}
