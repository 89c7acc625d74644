using Clickcast.Export;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Tenants;
using Clickcast.Tenants.Audit;
using Clickcast.Tenants.Keys;
using Microsoft.Playwright;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// Acting from the dashboard in headless Chromium, on a demo server of its own (the shared one is only read): every
/// action through its button, its confirmation and its result, each then on the Audit panel; no console errors and no
/// request beyond 127.0.0.1. Screenshots go to <c>screenshots/</c> beside the tests (copied to docs/images/).
/// </summary>
public sealed class DashboardActionsBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAction_TenantAdminKey_ConfirmedDoneShownAndAudited()
    {
        await using var demo = await DemoServer.StartAsync();
        await RunAsync(demo);
    }

    private static async Task RunAsync(DemoServer demo)
    {
        var host = demo.Host;
        var definition = (await host.Get<TenantCatalog>().GetAsync(DemoServer.Shop, Token))!;
        definition.Tasks[0].Exports.Add(new ExportDestinationOptions { Name = "crm", Kind = ExportDestinationKind.Webhook, Webhook = new WebhookOptions { Url = "https://crm.shop.example.com/hook", Secret = "shop-webhook-secret-0123456789" } });
        await host.Get<TenantCatalog>().SaveAsync(definition, Token);
        var queued = (await host.Get<JobQueue>().EnqueueAsync(new JobRequest(DemoServer.Shop, JobKind.Score) { Task = DemoServer.Task }, Token)).Job;
        var registry = host.Get<ModelRegistry>();
        var versions = await registry.ListAsync(DemoServer.Shop, DemoServer.Task, Token);
        var champion = versions.Single(v => v.Status == ModelStatus.Champion).Version;
        var challenger = versions.First(v => v.Status != ModelStatus.Champion && v.TestAuc is not null).Version;

        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(host.Address, demo.ShopKey, $"#/t/{DemoServer.Shop}/{DemoServer.Task}");
        var page = browser.Page;
        await page.Locator("[data-testid=audit-table]").WaitForAsync();

        // A cancelled confirmation does nothing.
        await page.ClickAsync("[data-action=pause]");
        await page.ClickAsync("#confirm-no");
        Assert.Equal("active", await page.TextContentAsync("[data-testid=retraining]"));

        await ActAsync(page, "[data-action=pause]", "Retraining paused.");
        Assert.Equal("paused", await page.TextContentAsync("[data-testid=retraining]"));
        await ActAsync(page, "[data-action=resume]", "Retraining resumed.");
        await ActAsync(page, $"[data-action=promote-{challenger}]", $"v{challenger} is now the champion.");
        Assert.Equal($"v{challenger}", await page.TextContentAsync("[data-testid=champion-version]"));
        await ActAsync(page, "[data-action=rollback]", $"Rolled back: v{champion} is the champion again.");
        Assert.Equal($"v{champion}", await page.TextContentAsync("[data-testid=champion-version]"));
        await ActAsync(page, $"[data-action=cancel-{queued.Id}]", $"Run {queued.Id} cancelled.");
        await ActAsync(page, $"[data-action=retry-{queued.Id}]", $"Run {queued.Id} queued again.");
        await ActAsync(page, "[data-action=retry-quarantine]", "ingest run(s) queued for quarantined files.");
        await page.FillAsync("#backfill-from", "2026-01-01");
        await page.FillAsync("#backfill-to", "2026-01-02");
        await ActAsync(page, "[data-action=backfill]", "Backfill run");
        await ActAsync(page, "[data-action=rotate-crm]", "New signing secret for 'crm'");
        var secret = await page.TextContentAsync("[data-testid=result-secret]");
        Assert.Equal(secret, (await host.Get<TenantCatalog>().GetTaskAsync(DemoServer.Shop, DemoServer.Task, Token))!.Exports.Single(d => d.Name == "crm").Webhook.Secret);
        await page.FillAsync("#key-name", "crm reader");
        await ActAsync(page, "[data-action=mint]", "(Read) issued.");
        var minted = (await host.Get<ApiKeyStore>().ListAsync(DemoServer.Shop, Token)).First(k => k.Name == "crm reader");
        Assert.NotNull(await host.Get<ApiKeyStore>().AuthenticateAsync(await page.TextContentAsync("[data-testid=result-secret]"), Token));

        // Every action is on the Audit panel, newest first, as the audit log has it.
        var audit = await host.Get<AuditLog>().ListAsync(DemoServer.Shop, 50, cancellationToken: Token);
        Assert.Equal(10, audit.Count);
        Assert.All(audit, e => Assert.Equal(AuditOutcome.Succeeded, e.Outcome));
        var shown = await page.Locator("[data-testid=audit-table] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[2].textContent)");
        Assert.Equal(audit.Select(e => e.Action), shown);
        await browser.ScreenshotAsync("dashboard-actions.png");

        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(browser.OutsideRequests());
    }

    private static async Task ActAsync(IPage page, string button, string expected)
    {
        await page.ClickAsync(button);
        await page.ClickAsync("#confirm-yes");
        await page.Locator("[data-testid=result-message]", new PageLocatorOptions { HasTextString = expected }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.DoesNotContain("refused", await page.TextContentAsync("[data-testid=result-message]"), StringComparison.Ordinal);
        await page.Locator("[data-testid=audit-table]").WaitForAsync();
    }
}
