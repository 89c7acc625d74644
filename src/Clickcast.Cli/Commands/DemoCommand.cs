using System.CommandLine;
using System.Diagnostics;
using Clickcast.Export;
using Clickcast.Generation;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Training;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast demo</c>: the main job on embedded defaults, the whole loop end to end on sample data.</summary>
internal static class DemoCommand
{
    private const string Tenant = "demo";
    private const string Task = "checkout-7d";

    private static readonly Option<int> Clients = new("--clients") { Description = "Synthetic clients to generate.", DefaultValueFactory = _ => 20_000 };
    private static readonly Option<DirectoryInfo?> SharedData = new("--shared-data") { Description = "Folder with the shared sample data (default: ../shared/data if present)." };

    public static Command Create()
    {
        var command = new Command("demo", """
            Runs Clickcast end to end on embedded defaults (a local folder as object store, SQLite, in-process worker):
            defines tenant 'demo' with a task 'checkout-7d' (will the client visit the checkout within 7 days?),
            generates a synthetic clickstream, drops all days but the last as raw files, and runs the pipeline:
            ingest -> sequences -> train (GRU and baseline) -> score -> export. Then the last day lands and the
            pipeline runs again: incremental sequences, a challenger trained and judged against the champion on the
            same test clients, incremental scoring. When ../shared/data is present, the real access log and the CDP
            Avro files (two schemas) go through ingest and sequences too. Prints the model card and where outputs are.
            """)
        {
            Clients,
            SharedData,
        };
        command.SetAction((parse, token) => CliAction.RunAsync(parse, (services, ct) => RunAsync(parse, services, ct), token));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var store = services.GetRequiredService<IObjectStore>();
        var catalog = services.GetRequiredService<TenantCatalog>();
        var runner = services.GetRequiredService<PipelineRunner>();
        var data = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClickcastOptions>>().Value.DataPath;
        AnsiConsole.Write(new Rule("[bold]Clickcast demo[/]").LeftJustified());
        AnsiConsole.MarkupLineInterpolated($"Data folder: [blue]{data}[/] (objects, SQLite metadata, model cache)");

        await catalog.SaveAsync(DemoTenant(), cancellationToken).ConfigureAwait(false);
        var generated = Path.Combine(data, "generated");
        var (files, events) = ClickstreamFiles.Write(new GeneratorOptions { Clients = parse.GetValue(Clients) }, generated);
        AnsiConsole.MarkupLineInterpolated($"Generated {Ui.Count(events)} synthetic events of {Ui.Count(parse.GetValue(Clients))} clients in {files.Count} daily Avro files; target: a visit to {ClickstreamGenerator.TargetUrl} within 7 days.");

        // 1. The first 27 days arrive.
        AnsiConsole.Write(new Rule($"1. {files.Count - 1} days of raw files land; the pipeline runs").LeftJustified());
        await IngestCommand.UploadAsync(store, Tenant, files.Take(files.Count - 1), cancellationToken).ConfigureAwait(false);
        await RunPipelineAsync(services, runner, cancellationToken).ConfigureAwait(false);
        var registry = services.GetRequiredService<ModelRegistry>();
        var champion = await registry.GetChampionAsync(Tenant, Task, cancellationToken).ConfigureAwait(false);
        if (champion is not null)
        {
            var folder = await services.GetRequiredService<ModelStore>().LocalFolderAsync(champion.FolderKey, cancellationToken).ConfigureAwait(false);
            Console.WriteLine();
            Console.WriteLine(ModelReport.Render(folder, $"Model card: {Tenant} / {Task} v{champion.Version}"));
        }

        await PrintScoresAsync(services, cancellationToken).ConfigureAwait(false);

        // 2. One more day arrives.
        AnsiConsole.Write(new Rule("2. The next day lands: incremental sequences, challenger vs champion, incremental scoring").LeftJustified());
        await IngestCommand.UploadAsync(store, Tenant, [files[^1]], cancellationToken).ConfigureAwait(false);
        await RunPipelineAsync(services, runner, cancellationToken).ConfigureAwait(false);
        foreach (var version in await registry.ListAsync(Tenant, Task, cancellationToken).ConfigureAwait(false))
        {
            AnsiConsole.MarkupLineInterpolated($"  v{version.Version} [bold]{version.Status}[/] ({version.Family}, test AUC {version.TestAuc:0.0000}): {version.Decision}");
        }

        await PrintScoresAsync(services, cancellationToken).ConfigureAwait(false);

        // 3. Real data through the data plane.
        var shared = parse.GetValue(SharedData)?.FullName ?? FindSharedData();
        if (shared is not null)
        {
            AnsiConsole.Write(new Rule("3. Real data: an Apache access log and CDP Avro files with two schemas").LeftJustified());
            await RealDataAsync(services, store, catalog, runner, shared, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            AnsiConsole.MarkupLine("[grey]../shared/data not found: skipping the real access log and CDP Avro files (pass --shared-data).[/]");
        }

        AnsiConsole.Write(new Rule("[bold]Where the outputs are[/]").LeftJustified());
        var objects = Path.Combine(data, "objects", TenantLayout.TenantsRoot, Tenant);
        AnsiConsole.MarkupLineInterpolated($"""
            {objects}/
              raw/                          files as they arrived
              events/date=*/                normalized events, Parquet per day
              sequences/                    per-client chains (manifest.json + segments/*.parquet)
              tasks/{Task}/models/v*/       model versions (weights, vocabulary, calibration, metrics, explanation)
              tasks/{Task}/predictions/     scoring runs and current.parquet (every client's latest score)
              tasks/{Task}/exports/files/   CSV, JSON Lines and Parquet copies for the CDP
            Metadata (jobs, registry, tenants): {Path.Combine(data, "clickcast.db")}
            Try: clickcast runs list | clickcast models list -t {Tenant} --task {Task} | clickcast predictions show -t {Tenant} --task {Task}
            Demo took {Ui.Duration(Stopwatch.GetElapsedTime(started))}.
            """);
        return 0;
    }

    internal static TenantDefinition DemoTenant() => new()
    {
        Id = Tenant,
        DisplayName = "Demo shop (synthetic clickstream)",
        Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } },
        Tasks =
        [
            new TaskDefinition
            {
                Id = Task,
                Attribute = "propensity_checkout_7d",
                Description = "Will the client visit the checkout within 7 days?",
                Target = new TargetDefinition { UrlPattern = ClickstreamGenerator.TargetUrl, Match = UrlMatchKind.Prefix },
                Labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(7) },
                Model = new ModelSettings { Family = ModelFamilyChoice.BestOf },

                // A day is ~4 % more data: retrain on every new day for the demo.
                Retraining = new RetrainingPolicy { MinNewDataShare = 0.01 },
                Exports = [new ExportDestinationOptions { Name = "files", Kind = ExportDestinationKind.Files }],
            },
        ],
    };

    private static async Task RunPipelineAsync(IServiceProvider services, PipelineRunner runner, CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<JobQueue>();
        var latest = await queue.ListAsync(new JobQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
        var before = latest.Count > 0 ? latest[0].Id : 0;
        var started = Stopwatch.GetTimestamp();
        var ran = await Ui.WithProgressAsync("Pipeline", async _ => await runner.RunOnceAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var jobs = (await queue.ListAsync(new JobQuery { Limit = 1000 }, cancellationToken).ConfigureAwait(false)).Where(j => j.Id > before).ToList();
        var summary = jobs.GroupBy(j => j.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        AnsiConsole.MarkupLineInterpolated($"Ran {ran} job(s) in {Ui.Duration(Stopwatch.GetElapsedTime(started))}: {string.Join(", ", summary)}; {jobs.Count(j => j.Status == JobStatus.Succeeded)} succeeded, {jobs.Count(j => j.Status == JobStatus.DeadLettered)} dead-lettered.");
    }

    private static async Task PrintScoresAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var state = await services.GetRequiredService<Scorer>().GetStateAsync(Tenant, Task, cancellationToken).ConfigureAwait(false);
        if (state is null || state.Runs.Count == 0)
        {
            AnsiConsole.MarkupLine("[yellow]No scores yet.[/]");
            return;
        }

        var run = state.Runs[^1];
        AnsiConsole.MarkupLineInterpolated($"Scoring run {run.RunId}: {Ui.Count(run.Clients)} client(s) scored ({(run.Full ? "everyone: first run or new champion" : "only clients with fresh events")}) with model v{run.ModelVersion} -> {run.PredictionsKey}");
    }

    private static async Task RealDataAsync(IServiceProvider services, IObjectStore store, TenantCatalog catalog, PipelineRunner runner, string shared, CancellationToken cancellationToken)
    {
        var log = Path.Combine(shared, "apache-combined", "access.log");
        if (File.Exists(log))
        {
            await catalog.SaveAsync(new TenantDefinition { Id = "weblog", DisplayName = "semicomplete.com access log", Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1, DefaultHost = "semicomplete.com" } } }, cancellationToken).ConfigureAwait(false);
            await IngestCommand.UploadAsync(store, "weblog", [log], cancellationToken).ConfigureAwait(false);
        }

        foreach (var (tenant, file) in new[] { ("cdp-flat", "events-flat-deflate.avro"), ("cdp-nested", "events-nested-deflate.avro") })
        {
            var path = Path.Combine(shared, "avro", file);
            if (File.Exists(path))
            {
                // No field mapping: the two schemas are told apart by detection alone.
                await catalog.SaveAsync(new TenantDefinition { Id = tenant, Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } } }, cancellationToken).ConfigureAwait(false);
                await IngestCommand.UploadAsync(store, tenant, [path], cancellationToken).ConfigureAwait(false);
            }
        }

        await RunPipelineAsync(services, runner, cancellationToken).ConfigureAwait(false);
        var queue = services.GetRequiredService<JobQueue>();
        foreach (var tenant in new[] { "weblog", "cdp-flat", "cdp-nested" })
        {
            var ingests = await queue.ListAsync(new JobQuery { Tenant = tenant, Kind = JobKind.Ingest, Limit = 10 }, cancellationToken).ConfigureAwait(false);
            foreach (var job in ingests.Where(j => j.Result is not null))
            {
                var report = System.Text.Json.JsonSerializer.Deserialize<Ingestion.FileIngestReport>(job.Result!, Storage.ClickcastJson.Options)!;
                AnsiConsole.MarkupLineInterpolated($"  {tenant}: {Path.GetFileName(report.Key)} ({report.Format}) {report.Status}: {Ui.Count(report.RowsKept)} of {Ui.Count(report.RowsRead)} rows kept; fields client [blue]{report.Mapping?.ClientId}[/], time [blue]{report.Mapping?.Timestamp}[/], URL [blue]{report.Mapping?.Url}[/]; dropped {string.Join(", ", report.Dropped.Select(p => $"{p.Key} {Ui.Count(p.Value)}"))}");
            }

            var manifest = await services.GetRequiredService<Sequences.SequenceStore>().GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
            if (manifest is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"  {tenant}: sequences generation {manifest.Generation}, {Ui.Count(manifest.Segments.Sum(s => s.Clients))} clients, {Ui.Count(manifest.TotalEvents)} events");
            }
        }
    }

    private static string? FindSharedData()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "..", "shared", "data");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return Path.GetFullPath(candidate);
            }

            directory = directory.Parent;
        }

        return null;
    }
}
