using System.Net;
using Clickcast.IntegrationTests.Support;
using Clickcast.Tenants.Audit;
using Clickcast.Tenants.Keys;
using Microsoft.Playwright;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// Keys from the dashboard in headless Chromium, on a demo server of its own: a tenant admin revokes a key it issued
/// (confirmed; the key stops working; the Audit panel shows it) but is never offered its own; the operator issues and
/// revokes admin keys on the overview. No console errors, no request beyond 127.0.0.1.
/// </summary>
public sealed class DashboardKeysBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RevokeKey_TenantAdmin_ConfirmedKeyStopsWorkingAndAudited_OwnKeyNotOffered()
    {
        await using var demo = await DemoServer.StartAsync();
        var host = demo.Host;
        var keys = host.Get<ApiKeyStore>();
        var own = (await keys.AuthenticateAsync(demo.ShopKey, Token))!;
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(host.Address, demo.ShopKey, $"#/t/{DemoServer.Shop}/{DemoServer.Task}");
        var page = browser.Page;
        await page.Locator("[data-testid=keys-table]").WaitForAsync();

        await page.FillAsync("#key-name", "to revoke");
        await ActAsync(page, "[data-action=mint]", "(Read) issued.");
        var secret = (await page.TextContentAsync("[data-testid=result-secret]"))!;
        var minted = (await keys.ListAsync(DemoServer.Shop, Token)).Single(k => k.Name == "to revoke");

        // A cancelled confirmation revokes nothing.
        await page.ClickAsync($"[data-action=revoke-{minted.Id}]");
        await page.ClickAsync("#confirm-no");
        Assert.NotNull(await keys.AuthenticateAsync(secret, Token));

        await ActAsync(page, $"[data-action=revoke-{minted.Id}]", $"Key {minted.Prefix} revoked.");

        Assert.Null(await keys.AuthenticateAsync(secret, Token));
        using (var revoked = host.Client(secret))
        {
            using var answer = await revoked.GetAsync(new Uri($"api/tenants/{DemoServer.Shop}/tasks", UriKind.Relative), Token);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        Assert.Equal(0, await page.Locator($"[data-action=revoke-{minted.Id}]").CountAsync());
        Assert.Equal(0, await page.Locator($"[data-action=revoke-{own.Id}]").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=this-key]").CountAsync());
        var audit = await host.Get<AuditLog>().ListAsync(DemoServer.Shop, 10, cancellationToken: Token);
        Assert.Equal(($"DELETE keys/{{id}}", $"/api/tenants/{DemoServer.Shop}/keys/{minted.Id}", AuditOutcome.Succeeded, 204), (audit[0].Action, audit[0].Target, audit[0].Outcome, audit[0].Status));
        var shown = await page.Locator("[data-testid=audit-table] tbody tr").First.EvaluateAsync<string[]>("r => [...r.cells].map(c => c.textContent)");
        Assert.Equal(("DELETE keys/{id}", audit[0].Target), (shown[2], shown[3]));
        Assert.StartsWith("Succeeded 204", shown[4], StringComparison.Ordinal);
        await browser.ScreenshotAsync("dashboard-keys.png");

        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    [Fact]
    public async Task AdminKeysPanel_Operator_IssuesAndRevokesAnAdminKey_NeverItsOwn()
    {
        await using var host = await ServerHost.StartAsync();
        var keys = host.Get<ApiKeyStore>();
        var own = (await keys.AuthenticateAsync(ServerHost.AdminKey, Token))!;
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(host.Address, ServerHost.AdminKey);
        var page = browser.Page;
        await page.Locator("[data-testid=admin-keys-table]").WaitForAsync();

        await page.FillAsync("#admin-key-name", "night operator");
        await ActAsync(page, "[data-action=mint-admin]", "issued.");
        var secret = (await page.TextContentAsync("[data-testid=result-secret]"))!;
        var minted = (await keys.ListAsync(null, Token)).Single(k => k.Name == "night operator");
        Assert.Equal(ApiKeyScope.Admin, (await keys.AuthenticateAsync(secret, Token))!.Scope);
        await page.Locator("[data-testid=admin-keys-table]").WaitForAsync();
        Assert.Equal(0, await page.Locator($"[data-action=revoke-{own.Id}]").CountAsync());

        await ActAsync(page, $"[data-action=revoke-{minted.Id}]", $"Key {minted.Prefix} revoked.");

        Assert.Null(await keys.AuthenticateAsync(secret, Token));
        await page.Locator("[data-testid=admin-audit-table]").WaitForAsync();
        var actions = await page.Locator("[data-testid=admin-audit-table] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[3].textContent)");
        Assert.Equal(["DELETE keys/{id}", "POST keys"], actions.Take(2));
        await browser.ScreenshotAsync("dashboard-admin-keys.png");

        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    private static async Task ActAsync(IPage page, string button, string expected)
    {
        await page.ClickAsync(button);
        await page.ClickAsync("#confirm-yes");
        await page.Locator("[data-testid=result-message]", new PageLocatorOptions { HasTextString = expected }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.DoesNotContain("refused", await page.TextContentAsync("[data-testid=result-message]"), StringComparison.Ordinal);
        Assert.DoesNotContain("null", await page.TextContentAsync("[data-testid=result]"), StringComparison.Ordinal);
    }
}
