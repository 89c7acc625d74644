using System.Net;
using System.Net.Http.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Tenants.Keys;

namespace Clickcast.IntegrationTests.Server;

/// <summary>A read key sees the pages but no action: no <c>[data-action]</c> element anywhere, and the API refuses the actions anyway.</summary>
public sealed class DashboardReadKeyBrowserTests(DemoServer demo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadKey_OverviewAndTaskPage_RenderWithoutActionsOrErrors_AndTheApiRefusesActions()
    {
        var reader = (await demo.Host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Read, DemoServer.Shop, "dashboard viewer", "test", Token)).Secret;
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, reader);
        var page = browser.Page;

        await page.Locator("[data-testid=task-row]").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-action]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=admin-panel]").CountAsync());

        await page.ClickAsync($"a[href='#/t/{DemoServer.Shop}/{DemoServer.Task}']");
        await page.Locator("[data-testid=no-actions]").WaitForAsync();
        await page.Locator("[data-testid=versions-table]").WaitForAsync();
        await page.Locator("[data-testid=runs-table]").WaitForAsync();
        var champion = await page.TextContentAsync("[data-testid=champion-version]");
        Assert.Matches("^v[0-9]+$", champion);
        Assert.Equal(0, await page.Locator("[data-action]").CountAsync());
        Assert.Equal(0, await page.Locator("button.action").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=keys-table]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=audit-table]").CountAsync());
        await browser.ScreenshotAsync("dashboard-read-key.png");

        using var api = demo.Host.Client(reader);
        var task = $"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}";
        using var pause = await api.PostAsJsonAsync(new Uri(task + "/retraining/pause", UriKind.Relative), new { reason = "read key" }, Token);
        using var rollback = await api.PostAsJsonAsync(new Uri(task + "/models/rollback", UriKind.Relative), new { reason = "read key" }, Token);
        using var mint = await api.PostAsJsonAsync(new Uri($"api/tenants/{DemoServer.Shop}/keys", UriKind.Relative), new { name = "more" }, Token);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (pause.StatusCode, rollback.StatusCode, mint.StatusCode));
        Assert.Equal("application/problem+json", pause.Content.Headers.ContentType?.MediaType);

        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }
}
