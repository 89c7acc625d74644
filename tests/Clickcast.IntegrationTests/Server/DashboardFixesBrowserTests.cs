using System.Text.RegularExpressions;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline.Jobs;
using Clickcast.Tenants;

namespace Clickcast.IntegrationTests.Server;

/// <summary>What operators saw broken in the dashboard (issue 14): each in a real browser, with every request recorded.</summary>
public sealed partial class DashboardFixesBrowserTests(DemoServer demo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Overview_TaskWithoutAChampion_ShowsNoLiteralNull()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, ServerHost.AdminKey);
        await browser.Page.Locator("[data-testid=task-row]").Nth(1).WaitForAsync();
        var overview = await browser.Page.InnerTextAsync("main");

        await browser.Page.GotoAsync(new Uri(demo.Host.Address, $"/dashboard/#/t/{DemoServer.Other}/churn").ToString());
        await browser.Page.Locator("[data-testid=champion-version]").WaitForAsync();
        var task = await browser.Page.InnerTextAsync("main");

        Assert.Contains("churn", overview, StringComparison.Ordinal);
        Assert.DoesNotMatch(NullWord(), overview);
        Assert.DoesNotMatch(NullWord(), task);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task Tables_EveryHeader_IsAlignedLikeItsColumn()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, ServerHost.AdminKey);
        await browser.Page.Locator("[data-testid=task-row]").First.WaitForAsync();
        var misaligned = new List<string>(await MisalignedAsync(browser));
        await browser.Page.GotoAsync(new Uri(demo.Host.Address, $"/dashboard/#/t/{DemoServer.Shop}/{DemoServer.Task}").ToString());
        await browser.Page.Locator("[data-testid=deliveries-table]").WaitForAsync();
        misaligned.AddRange(await MisalignedAsync(browser));

        Assert.Empty(misaligned);
        Assert.True(await browser.Page.Locator("table").CountAsync() >= 6);
    }

    [Fact]
    public async Task TaskPage_Durations_AreWrittenInWords()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, demo.ShopKey, $"#/t/{DemoServer.Shop}/{DemoServer.Task}");
        await browser.Page.Locator("[data-testid=expected-actual-chart]").WaitForAsync();
        var text = await browser.Page.InnerTextAsync("main");

        Assert.Contains("outcome window of 5 d:", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(RawTimeSpan(), text);
    }

    [Fact]
    public async Task Overview_ExportFailingBetweenAttempts_ShowsRetryingWithTheError()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        var queue = host.Get<JobQueue>();
        await queue.EnqueueAsync(new JobRequest(DemoServer.Other, JobKind.Export) { Task = "churn" }, Token);
        var job = await queue.ClaimAsync("test-worker", TimeSpan.FromMinutes(1), cancellationToken: Token);
        Assert.True(await queue.FailAsync(job!, "webhook crm answered 503 Service Unavailable", Token));

        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(host.Address, ServerHost.AdminKey);
        await browser.Page.Locator("[data-testid=task-row]").First.WaitForAsync();

        Assert.Equal("retrying", await browser.Page.TextContentAsync("[data-testid=freshness]"));
        Assert.Contains("webhook crm answered 503", await browser.Page.TextContentAsync("[data-testid=freshness-reason]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScalarAndDashboard_Offline_RequestNothingBeyondLoopback()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.SignInAsync(demo.Host.Address, demo.ShopKey, $"#/t/{DemoServer.Shop}/{DemoServer.Task}");
        await browser.Page.Locator("[data-testid=roc-chart]").WaitForAsync();
        await browser.Page.GotoAsync(new Uri(demo.Host.Address, "/scalar/").ToString());
        await browser.Page.GetByText("Clickcast API").First.WaitForAsync();
        await browser.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        Assert.Contains(browser.Requests, url => url.Contains("/scalar", StringComparison.Ordinal));
        Assert.Empty(browser.OutsideRequests());
    }

    private static async Task<string[]> MisalignedAsync(DashboardBrowser browser) =>
        await browser.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("table")].flatMap(t => {
              const heads = [...t.querySelectorAll("thead th")].map(th => getComputedStyle(th).textAlign);
              return [...t.querySelectorAll("tbody tr")].flatMap(r => [...r.cells].map((c, i) => getComputedStyle(c).textAlign === heads[i] ? null
                : `${t.dataset.testid} column ${i} (${t.querySelectorAll("thead th")[i]?.textContent}): header ${heads[i]}, cell ${getComputedStyle(c).textAlign}`)).filter(Boolean);
            })
            """);

    [GeneratedRegex(@"\b(null|undefined|NaN)\b")]
    private static partial Regex NullWord();

    [GeneratedRegex(@"\b\d+\.\d{2}:\d{2}:\d{2}\b")]
    private static partial Regex RawTimeSpan();
}
