using System.CommandLine;
using Clickcast.Generation;
using Clickcast.Scoring;
using Clickcast.Server;
using Clickcast.Server.Hosting;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Torch;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast serve</c>: the control plane — HTTP API, dashboard, metrics — with the pipeline's workers in the same process.</summary>
internal static class ServeCommand
{
    private static readonly Option<string[]> Urls = new("--urls")
    {
        Description = "Addresses to listen on. Default: $ASPNETCORE_URLS, else http://localhost:8080.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<bool> NoWorkers = new("--no-workers") { Description = "Serve the API and dashboard only; run workers elsewhere ('clickcast worker')." };

    private static readonly Option<bool> NoDemo = new("--no-demo") { Description = "Do not create the demo tenant when the store has no tenant yet." };

    public static Command Create()
    {
        var command = new Command("serve", """
            Runs the control plane: the JSON API (/api, OpenAPI at /openapi/v1.json, reference at /scalar), the dashboard
            (/dashboard/), health (/health/live, /health/ready) and Prometheus metrics (/metrics), plus the pipeline's
            workers. Settings are those of every verb: clickcast.json in the current folder (or --settings FILE), then
            CLICKCAST_ environment variables (CLICKCAST_Server__AdminKey, CLICKCAST_DataPath, ...), then the flags given;
            a worker started with the same settings uses the same database and store. On first start an admin key is
            generated and printed once, unless one is configured (Server:AdminKey or CLICKCAST_ADMIN_KEY). On a store without tenants, the demo tenant is created and its files
            land in two waves, so the dashboard fills with a trained task, a challenger, scores and expected-vs-actual.
            """)
        {
            Urls,
            NoWorkers,
            NoDemo,
        };
        command.SetAction(RunAsync);
        return command;
    }

    /// <summary>
    /// The server as 'serve' builds it: the same settings as every verb (<see cref="CliServices.Configuration"/>), with
    /// <c>--no-workers</c> as <c>Server:RunWorkers=false</c> when given.
    /// </summary>
    public static WebApplication BuildApp(ParseResult parse, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var urls = parse.GetValue(Urls) is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } env ? env.Split(';') : ["http://localhost:8080"];
        var settings = CliServices.Overrides(parse);
        if (parse.GetValue(NoWorkers))
        {
            settings["Server:RunWorkers"] = "false";
        }

        return ClickcastServer.Build(new ServerHostSettings
        {
            SettingsFile = parse.GetValue(GlobalOptions.Settings)?.FullName,
            Environment = environment,
            Urls = urls,
            Settings = settings,
            ConfigureServices = services => services.AddClickcastTorch(),
        });
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = BuildApp(parse);
            var data = app.Services.GetRequiredService<IOptions<ClickcastOptions>>().Value.DataPath;
            var generated = await ClickcastServer.PrepareAsync(app, cancellationToken).ConfigureAwait(false);
            if (generated is not null)
            {
                // The only time this key is shown: on the console, never in a log.
                AnsiConsole.Write(new Panel($"[bold]{generated}[/]\n\nThe first admin key: keep it now, it is not stored and not shown again.\nSend it as 'Authorization: Bearer <key>' or enter it in the dashboard.")
                    .Header("Admin key").BorderColor(Color.Yellow));
            }

            Task seeding = Task.CompletedTask;
            if (!parse.GetValue(NoDemo) && (await app.Services.GetRequiredService<TenantCatalog>().ListAsync(cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                seeding = SeedDemoAsync(app.Services, data, cancellationToken);
            }

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"Clickcast on [blue]{string.Join(", ", ClickcastServer.Addresses(app))}[/]: dashboard at /dashboard/, API reference at /scalar, data in {data}. Ctrl+C stops.");
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            await seeding.ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is OptionsValidationException or SettingsException)
        {
            Failed($"invalid settings: {ex.Message}");
            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            // The binder's message names the setting and the value it could not read.
            Failed($"invalid settings: {ex.Message} {ex.InnerException?.Message}");
            return 2;
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // Kestrel's message names the address: "Failed to bind to address http://…: address already in use."
            Failed($"error: cannot listen: {ex.Message} Stop what uses it or pick another with --urls.");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    // A failed start is one line on standard error (never wrapped at the console's width), where a service manager or
    // a shell looks for it.
    private static void Failed(string line) => Console.Error.WriteLine(line.ReplaceLineEndings(" ").TrimEnd());

    /// <summary>
    /// The demo tenant, in two waves: 20 days of files, then (once the first scores exist) the last 8, so a challenger is
    /// judged and the first scoring run's 7-day outcome window closes (expected vs actual per bucket).
    /// </summary>
    private static async Task SeedDemoAsync(IServiceProvider services, string data, CancellationToken cancellationToken)
    {
        try
        {
            var definition = DemoCommand.DemoTenant();
            await services.GetRequiredService<TenantCatalog>().SaveAsync(definition, cancellationToken).ConfigureAwait(false);
            // Generating does not observe the token: a stop does not wait for it.
            var (files, _) = await Task.Run(() => ClickstreamFiles.Write(new GeneratorOptions { Clients = 20_000 }, Path.Combine(data, "generated")), cancellationToken)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            var store = services.GetRequiredService<IObjectStore>();
            await IngestCommand.UploadAsync(store, definition.Id, files.Take(20), cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLine("Demo: tenant 'demo' created and 20 days of clickstream landed; the workers take it from here (watch the dashboard).");
            var scorer = services.GetRequiredService<Scorer>();
            var task = definition.Tasks[0].Id;
            while ((await scorer.GetStateAsync(definition.Id, task, cancellationToken).ConfigureAwait(false))?.Runs.Count is null or 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }

            await IngestCommand.UploadAsync(store, definition.Id, files.Skip(20), cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLine("Demo: first scores are in; the last 8 days landed (challenger, incremental scoring, expected vs actual).");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
