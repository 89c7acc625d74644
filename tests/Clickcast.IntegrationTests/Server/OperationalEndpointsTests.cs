using System.Collections.Frozen;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clickcast.Generation;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline;
using Clickcast.Server.Dashboard;
using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.IntegrationTests.Server;

/// <summary>What anyone can reach without a key — health, metrics, the dashboard — costs little, keeps nothing and tells nothing of tenants.</summary>
public sealed partial class OperationalEndpointsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_ManyCalls_NeverListsTheStoreAndProbesOncePerCacheWindow()
    {
        CountingObjectStore? counting = null;
        await using var host = await ServerHost.StartAsync(
            new Dictionary<string, string?> { ["Server:ReadinessCacheDuration"] = "00:10:00" },
            services => services.AddSingleton<IObjectStore>(provider => counting = new CountingObjectStore(
                new LocalObjectStore(Path.Combine(provider.GetRequiredService<IOptions<ClickcastOptions>>().Value.DataPath, "objects")))));
        var store = host.Get<IObjectStore>();
        for (var i = 0; i < 50; i++)
        {
            await store.PutBytesAsync($"tenants/t{i % 5}/raw/f{i}.csv", "client_id\n"u8.ToArray(), Token);
        }

        using var anonymous = host.Client();
        var (lists, infos) = (counting!.Lists, counting.Infos);
        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await anonymous.GetStringAsync(new Uri("health/ready", UriKind.Relative), Token));
        }

        Assert.All(answers, answer => Assert.Equal("Healthy", answer));
        Assert.Equal(0, counting.Lists - lists);
        Assert.Equal(1, counting.Infos - infos);
    }

    [Fact]
    public async Task Dashboard_ManyUnknownNames_KeepsOnlyItsAssetsAndLogsNoRequestUrls()
    {
        var logs = new RecordingLoggerProvider();
        await using var host = await ServerHost.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        using var anonymous = host.Client();

        var statuses = new HashSet<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            using var response = await anonymous.GetAsync(new Uri($"dashboard/probe{i}.js", UriKind.Relative), Token);
            statuses.Add(response.StatusCode);
        }

        using var index = await anonymous.GetAsync(new Uri("dashboard/", UriKind.Relative), Token);

        Assert.Equal([HttpStatusCode.NotFound], statuses);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal(["actions.js", "app.js", "audience.js", "charts.js", "clientpage.js", "comparepage.js", "expectedactual.js", "healthpage.js", "index.html", "keys.js", "runlist.js", "runpage.js", "style.css"], DashboardApi.AssetNames.Order(StringComparer.Ordinal));
        Assert.True(CachedEntries() <= DashboardApi.AssetNames.Count, $"the dashboard keeps {CachedEntries()} entries");
        Assert.DoesNotContain(Messages(logs), line => line.Contains("probe17.js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_RequestLoggingRaisedInConfiguration_LogsRequests()
    {
        var logs = new RecordingLoggerProvider();
        await using var host = await ServerHost.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        using var anonymous = host.Client();

        using var response = await anonymous.GetAsync(new Uri("dashboard/probe17.js", UriKind.Relative), Token);

        Assert.Contains(Messages(logs), line => line.Contains("probe17.js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_EveryAnswer_SendsSecurityHeadersAndRunsNoInlineScript()
    {
        await using var host = await ServerHost.StartAsync();
        using var anonymous = host.Client();

        foreach (var path in new[] { "dashboard/", "dashboard/app.js", "dashboard/style.css", "dashboard/missing.js" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Token);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToDictionary(d => d.Split(' ')[0], d => d);

            Assert.Equal("script-src 'self'", directives["script-src"]);
            Assert.Equal("default-src 'none'", directives["default-src"]);
            Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
            Assert.DoesNotContain("http", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }

        var html = await anonymous.GetStringAsync(new Uri("dashboard/", UriKind.Relative), Token);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Fact]
    public async Task Metrics_Uploads_NoTenantLabelUnlessTheOperatorEnablesItThenAnAdminKeyIsNeeded()
    {
        var plain = await ScrapeAfterUploadAsync(tenantLabels: false);
        var labelled = await ScrapeAfterUploadAsync(tenantLabels: true);

        Assert.Equal(HttpStatusCode.OK, plain.Anonymous);
        Assert.Contains("clickcast_upload", plain.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant=\"", plain.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, labelled.Anonymous);
        Assert.Contains("tenant=\"other\"", labelled.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterADemoSizedRunWithTenantLabels_HaveJobIngestExportSeriesAndTaskGaugesPerTenant()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Server:MetricsTenantLabels"] = "true",
            ["Server:TaskMetricsRefreshInterval"] = "00:00:01",
        });
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.ShopDefinition(), Token);
        using var files = new TempFolder();
        var store = host.Get<IObjectStore>();
        var written = ClickstreamFiles.Write(new GeneratorOptions { Clients = 1_500, Days = 12, Seed = 11 }, files.Path).Files;
        foreach (var batch in new[] { written.Take(10), written.Skip(10) })
        {
            // Two scoring runs: the score drift (PSI) compares the second with the champion's first.
            foreach (var file in batch)
            {
                await store.PutFileAsync(TenantLayout.Raw(DemoServer.Shop) + Path.GetFileName(file), file, Token);
            }

            await host.Get<PipelineRunner>().RunOnceAsync(Token);
        }

        using var admin = host.Client(ServerHost.AdminKey);
        string body;
        var reads = 0;
        do
        {
            // The task gauges are read every second in the background: wait for the first read after the run.
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, Token);
            body = await admin.GetStringAsync(new Uri("metrics", UriKind.Relative), Token);
        }
        while (!(body.Contains("clickcast_task_last_export_time", StringComparison.Ordinal) && body.Contains("clickcast_task_champion_auc", StringComparison.Ordinal)) && ++reads < 150);

        AssertSeries(body, "clickcast_job_attempts_total", "kind=\"Ingest\"", "outcome=\"Succeeded\"", "tenant=\"shop\"");
        AssertSeries(body, "clickcast_job_attempts_total", "kind=\"Export\"", "tenant=\"shop\"");
        AssertSeries(body, "clickcast_ingest_files_total", "status=\"Ingested\"", "tenant=\"shop\"");
        AssertSeries(body, "clickcast_ingest_rows_total", "tenant=\"shop\"");
        AssertSeries(body, "clickcast_scoring_clients_total", "task=\"checkout\"", "tenant=\"shop\"");
        AssertSeries(body, "clickcast_export_delivered_total", "kind=\"Files\"", "task=\"checkout\"", "tenant=\"shop\"");
        foreach (var gauge in new[] { "clickcast_task_champion_auc", "clickcast_task_scored_clients", "clickcast_task_data_age_seconds", "clickcast_task_last_scoring_time_seconds", "clickcast_task_last_export_time_seconds", "clickcast_task_score_psi" })
        {
            AssertSeries(body, gauge, "task=\"checkout\"", "tenant=\"shop\"");
        }

        var runs = (await host.Get<Scorer>().GetStateAsync(DemoServer.Shop, DemoServer.Task, Token))!.Runs;
        Assert.True(runs.Count >= 2, $"{runs.Count} scoring runs");
        Assert.NotNull(runs[^1].Psi);
        using var summary = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}/predictions", UriKind.Relative), Token));
        Assert.Equal(runs[^1].Psi!.Value, summary.RootElement.GetProperty("runs")[0].GetProperty("psi").GetDouble(), 9);
    }

    private static void AssertSeries(string scrape, string name, params string[] labels)
    {
        var lines = scrape.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Any(l => labels.All(label => l.Contains(label, StringComparison.Ordinal))), $"no {name} with {string.Join(", ", labels)} in:\n{string.Join('\n', scrape.Split('\n').Where(l => l.StartsWith("clickcast_", StringComparison.Ordinal)))}");
    }

    private static async Task<(HttpStatusCode Anonymous, string Body)> ScrapeAfterUploadAsync(bool tenantLabels)
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Server:MetricsTenantLabels"] = tenantLabels ? "true" : "false" });
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        using var admin = host.Client(ServerHost.AdminKey);
        using var upload = await admin.PutAsync(new Uri("api/tenants/other/uploads/m.csv", UriKind.Relative), new ByteArrayContent("client_id,ts,url\nc1,2026-10-01T00:00:00Z,https://other.example.com/a\n"u8.ToArray()), Token);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        using var anonymous = await host.Client().GetAsync(new Uri("metrics", UriKind.Relative), Token);
        return (anonymous.StatusCode, await admin.GetStringAsync(new Uri("metrics", UriKind.Relative), Token));
    }

    /// <summary>Logged messages: scopes are handed to every provider whatever the level, and only shown with a message.</summary>
    private static List<string> Messages(RecordingLoggerProvider logs) => logs.Lines.Where(line => !line.Contains(" scope: ", StringComparison.Ordinal)).ToList();

    /// <summary>Entries held in the dashboard's static fields (its file cache, however it is kept).</summary>
    private static int CachedEntries() => typeof(DashboardApi).GetFields(BindingFlags.Static | BindingFlags.NonPublic)
        .Select(f => f.GetValue(null) switch
        {
            System.Collections.ICollection collection => collection.Count,
            Lazy<FrozenDictionary<string, byte[]>> lazy => lazy.Value.Count,
            _ => 0,
        })
        .Sum();

    [GeneratedRegex("<script(?![^>]*\\ssrc=)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
