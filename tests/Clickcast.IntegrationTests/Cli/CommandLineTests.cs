using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline.Jobs;
using Clickcast.Tenants;

namespace Clickcast.IntegrationTests.Cli;

/// <summary>The real clickcast command in a child process: help, settings errors, runs against a server.</summary>
public sealed class CommandLineTests
{
    private const string Secret = "ck_0123456789abcdef0123456789abcdef0123456789abcdef";

    private static Dictionary<string, string> NoSettings => new();

    [Theory]
    [InlineData("--help")]
    [InlineData("runs", "retry", "--help")]
    [InlineData("uploads", "put", "--help")]
    public async Task Help_KeyInTheEnvironment_IsNeverPrinted(params string[] arguments)
    {
        using var folder = new TempFolder();

        var (exitCode, output) = await CliProcess.RunAsync(folder.Path, new Dictionary<string, string> { ["CLICKCAST_KEY"] = Secret, ["CLICKCAST_SERVER"] = "http://127.0.0.1:9" }, arguments);

        Assert.Equal(0, exitCode);
        Assert.Contains("CLICKCAST_KEY", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret[3..20], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Usage_NamesTheCommandClickcast()
    {
        using var folder = new TempFolder();

        var (_, output) = await CliProcess.RunAsync(folder.Path, NoSettings, "runs", "list", "--help");

        Assert.Contains("clickcast runs list [options]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Clickcast.Cli", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyVerb_UnknownSettingInClickcastJson_FailsNamingIt()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("clickcast.json"), """{ "Jobs": { "RetryInterval": "20s" }, "Sensr": { "PollInterval": "1m" } }""", TestContext.Current.CancellationToken);

        var (exitCode, output) = await CliProcess.RunAsync(folder.Path, NoSettings, "runs", "list");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown setting 'Sensr'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsRetry_AgainstAServerWithTenant_QueuesTheRunAgain()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), TestContext.Current.CancellationToken);
        var queue = host.Get<JobQueue>();
        var job = (await queue.EnqueueAsync(new JobRequest(DemoServer.Other, JobKind.Sequences), TestContext.Current.CancellationToken)).Job;
        Assert.True(await queue.CancelAsync(job.Id, "test", TestContext.Current.CancellationToken));
        using var folder = new TempFolder();
        var server = new Dictionary<string, string> { ["CLICKCAST_SERVER"] = host.Address.ToString(), ["CLICKCAST_KEY"] = ServerHost.AdminKey };

        var shown = await CliProcess.RunAsync(folder.Path, server, "runs", "show", job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tenant", DemoServer.Other);
        var retried = await CliProcess.RunAsync(folder.Path, server, "runs", "retry", job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tenant", DemoServer.Other);

        Assert.True(shown.ExitCode == 0, shown.Output);
        Assert.Contains("Cancelled", shown.Output, StringComparison.Ordinal);
        Assert.True(retried.ExitCode == 0, retried.Output);
        Assert.Contains("Queued again.", retried.Output, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Queued, (await queue.GetAsync(job.Id, TestContext.Current.CancellationToken))!.Status);
    }

    [Fact]
    public async Task RunsCancel_LocalRunOfAnotherTenant_IsNotFound()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        var applied = await CliProcess.RunAsync(data, NoSettings, "tenants", "apply", "-f", await WriteTenantAsync(folder));
        Assert.True(applied.ExitCode == 0, applied.Output);
        var backfill = await CliProcess.RunAsync(data, NoSettings, "runs", "backfill", "--tenant", "acme", "--from", "2026-11-01T00:00Z", "--to", "2026-11-02T00:00Z");
        Assert.True(backfill.ExitCode == 0, backfill.Output);

        var other = await CliProcess.RunAsync(data, NoSettings, "runs", "cancel", "1", "--tenant", "someone-else");
        var own = await CliProcess.RunAsync(data, NoSettings, "runs", "cancel", "1", "--tenant", "acme");

        Assert.Equal(2, other.ExitCode);
        Assert.Contains("no run 1 of tenant 'someone-else'", other.Output, StringComparison.Ordinal);
        Assert.True(own.ExitCode == 0, own.Output);
        Assert.Contains("Cancelled.", own.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_StoredDefinition_IsUsedAndSaid()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        var events = await WriteEventsAsync(folder);
        var applied = await CliProcess.RunAsync(data, NoSettings, "tenants", "apply", "-f", await WriteTenantAsync(folder));
        Assert.True(applied.ExitCode == 0, applied.Output);

        var (exitCode, output) = await CliProcess.RunAsync(data, NoSettings, "ingest", "-t", "acme", "-s", events);

        Assert.True(exitCode == 0, output);
        Assert.Contains("using tenant acme's stored definition v1", output, StringComparison.Ordinal);
        Assert.Contains("1 ingested, 0 already ingested, 0 quarantined", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ConfigWithIngestSection_OverridesTheStoredDefinitionAndSaysSo()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        var events = await WriteEventsAsync(folder);
        var applied = await CliProcess.RunAsync(data, NoSettings, "tenants", "apply", "-f", await WriteTenantAsync(folder));
        Assert.True(applied.ExitCode == 0, applied.Output);
        await File.WriteAllTextAsync(folder.File("defaults.json"), """{ "ingest": {} }""", TestContext.Current.CancellationToken);

        var (exitCode, output) = await CliProcess.RunAsync(data, NoSettings, "ingest", "-t", "acme", "-s", events, "--config", folder.File("defaults.json"));

        // The defaults find none of the stored mapping's fields: the file is quarantined, and ingest says so with exit code 3.
        Assert.True(exitCode == 3, output);
        Assert.Contains("using tenant acme's stored definition v1; --config overrides ingest", output, StringComparison.Ordinal);
        Assert.Contains("0 ingested, 0 already ingested, 1 quarantined", output, StringComparison.Ordinal);
    }

    private static async Task<string> WriteTenantAsync(TempFolder folder)
    {
        var file = folder.File("acme.json");
        await File.WriteAllTextAsync(file, """
            {
              "id": "acme",
              "ingest": { "mapping": { "clientId": "wer", "timestamp": "wann", "url": "wo" } },
              "tasks": [ { "id": "buy", "attribute": "propensity_buy", "target": { "urlPattern": "shop.example.com/checkout" } } ]
            }
            """, TestContext.Current.CancellationToken);
        return file;
    }

    private static async Task<string> WriteEventsAsync(TempFolder folder)
    {
        var file = folder.File("events.csv");
        await File.WriteAllTextAsync(file, """
            wer,wann,wo
            c1,2026-11-01T10:00:00Z,https://shop.example.com/catalog/shoes
            c1,2026-11-01T10:05:00Z,https://shop.example.com/checkout
            c2,2026-11-01T11:00:00Z,https://shop.example.com/catalog/hats
            """, TestContext.Current.CancellationToken);
        return file;
    }
}
