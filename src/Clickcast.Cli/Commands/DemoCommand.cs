using System.CommandLine;
using Clickcast.Generation;
using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Urls;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast demo</c>: the main job on embedded defaults, end to end on sample data.</summary>
internal static class DemoCommand
{
    private static readonly Option<int> Clients = new("--clients") { Description = "Synthetic clients to generate.", DefaultValueFactory = _ => 20_000 };
    private static readonly Option<DirectoryInfo?> SharedData = new("--shared-data") { Description = "Folder with the shared sample data (default: ../shared/data if present)." };

    public static Command Create()
    {
        var command = new Command("demo", """
            Runs Clickcast end to end on embedded defaults (a local folder as object store): generates a synthetic
            clickstream for tenant 'demo' and, when ../shared/data is present, ingests the real Apache access log
            (tenant 'weblog') and the CDP Avro files with two different schemas (tenants 'cdp-flat', 'cdp-nested');
            then builds per-client sequences, appends a new day and updates them incrementally, and prints where
            everything is.
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
        var store = services.GetRequiredService<IObjectStore>();
        var data = Path.GetFullPath(parse.GetValue(GlobalOptions.Data)!);
        AnsiConsole.Write(new Rule("[bold]Clickcast demo[/]").LeftJustified());
        AnsiConsole.MarkupLineInterpolated($"Data folder: [blue]{data}[/]");

        // 1. The synthetic tenant: all days but the last now, the last day later, to show an incremental update.
        var generated = Path.Combine(data, "generated");
        var options = new GeneratorOptions { Clients = parse.GetValue(Clients) };
        var (files, events) = ClickstreamFiles.Write(options, generated);
        AnsiConsole.MarkupLineInterpolated($"Generated {Ui.Count(events)} synthetic events for {Ui.Count(options.Clients)} clients in {files.Count} daily Avro files ({generated})");
        var demoSettings = DemoIngestOptions();
        await IngestCommand.UploadAsync(store, "demo", files.Take(files.Count - 1), cancellationToken).ConfigureAwait(false);
        var report = await IngestCommand.RunIngestAsync(services, "demo", demoSettings, cancellationToken).ConfigureAwait(false);
        PrintSummary(report);
        var sequences = await SequencesCommand.RunUpdateAsync(services, "demo", new SequenceOptions(), cancellationToken).ConfigureAwait(false);
        SequencesCommand.Print(sequences);

        AnsiConsole.MarkupLine("A new day lands:");
        await IngestCommand.UploadAsync(store, "demo", [files[^1]], cancellationToken).ConfigureAwait(false);
        PrintSummary(await IngestCommand.RunIngestAsync(services, "demo", demoSettings, cancellationToken).ConfigureAwait(false));
        SequencesCommand.Print(await SequencesCommand.RunUpdateAsync(services, "demo", new SequenceOptions(), cancellationToken).ConfigureAwait(false));

        // 2. Real data, when the shared folder is there.
        var shared = parse.GetValue(SharedData)?.FullName ?? FindSharedData();
        if (shared is not null)
        {
            await RealDataAsync(services, store, shared, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            AnsiConsole.MarkupLine("[grey]../shared/data not found: skipping the real access log and CDP Avro files (pass --shared-data).[/]");
        }

        await ShowSampleAsync(services, cancellationToken).ConfigureAwait(false);
        AnsiConsole.Write(new Rule("[bold]Where the outputs are[/]").LeftJustified());
        var objects = Path.Combine(data, "objects", TenantLayout.TenantsRoot);
        AnsiConsole.MarkupLineInterpolated($"""
            Objects: [blue]{objects}[/]
              <tenant>/raw/         files as they arrived
              <tenant>/events/      normalized events, Parquet per day (DuckDB: SELECT * FROM '{objects}/demo/events/*/*.parquet')
              <tenant>/sequences/   per-client chains (manifest.json + segments/*.parquet)
              <tenant>/quarantine/  files that could not be read, with .reason.json
            """);
        return 0;
    }

    /// <summary>The demo tenant's URLs are one site's sections, so tokens keep the host and first path segment.</summary>
    internal static IngestOptions DemoIngestOptions() => new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } };

    private static async Task RealDataAsync(IServiceProvider services, IObjectStore store, string shared, CancellationToken cancellationToken)
    {
        var log = Path.Combine(shared, "apache-combined", "access.log");
        if (File.Exists(log))
        {
            await IngestCommand.UploadAsync(store, "weblog", [log], cancellationToken).ConfigureAwait(false);
            var weblog = new IngestOptions { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1, DefaultHost = "semicomplete.com" } };
            PrintSummary(await IngestCommand.RunIngestAsync(services, "weblog", weblog, cancellationToken).ConfigureAwait(false));
            SequencesCommand.Print(await SequencesCommand.RunUpdateAsync(services, "weblog", new SequenceOptions(), cancellationToken).ConfigureAwait(false));
        }

        foreach (var (tenant, file) in new[] { ("cdp-flat", "events-flat-deflate.avro"), ("cdp-nested", "events-nested-deflate.avro") })
        {
            var path = Path.Combine(shared, "avro", file);
            if (!File.Exists(path))
            {
                continue;
            }

            // No field mapping is configured: the two schemas are told apart by detection alone.
            await IngestCommand.UploadAsync(store, tenant, [path], cancellationToken).ConfigureAwait(false);
            var cdp = new IngestOptions { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } };
            var report = await IngestCommand.RunIngestAsync(services, tenant, cdp, cancellationToken).ConfigureAwait(false);
            PrintSummary(report);
            var mapping = report.Files.Count > 0 ? report.Files[0].Mapping : null;
            if (mapping is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"  fields detected: client id [blue]{mapping.ClientId}[/], time [blue]{mapping.Timestamp}[/], URL [blue]{mapping.Url}[/]");
            }

            SequencesCommand.Print(await SequencesCommand.RunUpdateAsync(services, tenant, new SequenceOptions(), cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task ShowSampleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<SequenceStore>();
        ClientSequence? sample = null;
        long clients = 0, eventsKept = 0;
        await foreach (var sequence in store.ReadAllAsync("demo", cancellationToken).ConfigureAwait(false))
        {
            clients++;
            eventsKept += sequence.Length;
            if (sample is null && sequence.Length is >= 6 and <= 12)
            {
                sample = sequence;
            }
        }

        AnsiConsole.MarkupLineInterpolated($"Tenant demo: {Ui.Count(clients)} client sequences, {Ui.Count(eventsKept)} events kept.");
        if (sample is not null)
        {
            var deltas = sample.DeltasSeconds();
            var chain = string.Join(" → ", sample.Urls.Select((u, i) => i == 0 ? u : $"(+{FormatDelta(deltas[i])}) {u}"));
            AnsiConsole.MarkupLineInterpolated($"Example chain of client [bold]{sample.ClientId}[/]: {chain}");
        }
    }

    private static string FormatDelta(float seconds) => seconds switch
    {
        < 120 => $"{seconds:0}s",
        < 7200 => $"{seconds / 60:0}m",
        < 172_800 => $"{seconds / 3600:0}h",
        _ => $"{seconds / 86400:0}d",
    };

    private static void PrintSummary(IngestRunReport report)
    {
        var dropped = report.Files.SelectMany(f => f.Dropped).GroupBy(p => p.Key).Select(g => $"{g.Key}: {Ui.Count(g.Sum(p => p.Value))}");
        AnsiConsole.MarkupLineInterpolated(
            $"Ingest [bold]{report.Tenant}[/]: {report.Ingested} file(s) ingested, {report.AlreadyIngested} already ingested, {report.Quarantined} quarantined; {Ui.Count(report.RowsKept)} of {Ui.Count(report.RowsRead)} rows kept in {Ui.Duration(report.Duration)} ({Ui.Rate(report.RowsRead, report.Duration)}); dropped: {string.Join(", ", dropped)}");
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
