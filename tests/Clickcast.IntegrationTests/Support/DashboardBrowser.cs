using Microsoft.Playwright;

namespace Clickcast.IntegrationTests.Support;

/// <summary>
/// Debian's headless Chromium driven by Playwright, with one page that records every request it makes and every
/// console error, so tests can assert that nothing leaves 127.0.0.1 and nothing breaks.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Request += (_, request) => { lock (Requests) { Requests.Add(request.Url); } };
        page.Response += (_, response) => { if (response.Status >= 400) { lock (Refusals) { Refusals.Add($"{response.Status} {response.Request.Method} {response.Url}"); } } };
        // The API answers 404 for what a task has not made yet (no scores, no exports): the page shows that as
        // "none yet", while Chromium logs the 404 itself as a console error. Every other error counts.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 404", StringComparison.Ordinal))
            {
                lock (ConsoleErrors) { ConsoleErrors.Add(message.Text); }
            }
        };
        page.PageError += (_, error) => { lock (ConsoleErrors) { ConsoleErrors.Add(error); } };
    }

    public IPage Page { get; }

    /// <summary>Every URL the page requested, in order.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Answers of 400 and above, with method and URL.</summary>
    public List<string> Refusals { get; } = [];

    /// <summary>Console errors and uncaught exceptions.</summary>
    public List<string> ConsoleErrors { get; } = [];

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(Server.DashboardBrowserTests.Chromium), $"{Server.DashboardBrowserTests.Chromium} is missing: install Debian's chromium (tests/services/services.sh does)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Server.DashboardBrowserTests.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        return new DashboardBrowser(playwright, browser, page);
    }

    /// <summary>Opens the dashboard and signs in with <paramref name="key"/>.</summary>
    public async Task SignInAsync(Uri server, string key, string hash = "")
    {
        await Page.GotoAsync(new Uri(server, "/dashboard/" + hash).ToString());
        await Page.FillAsync("#key", key);
        await Page.ClickAsync("#sign-in");
        try
        {
            await Page.Locator("#logout:visible").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Not signed in; errors: {string.Join("; ", ConsoleErrors)}; requests: {string.Join(" ", Requests)}; refused: {string.Join("; ", Refusals)}; the page says: {await Page.InnerTextAsync("body")}", e);
        }
    }

    /// <summary>Requests to anywhere but 127.0.0.1 (data:, blob: and about: URLs stay in the browser).</summary>
    public IReadOnlyList<string> OutsideRequests()
    {
        lock (Requests)
        {
            return Requests.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal) && !url.StartsWith("about:", StringComparison.Ordinal)
                && new Uri(url).Host != "127.0.0.1").ToList();
        }
    }

    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
