using System.CommandLine;
using Clickcast.Ingestion;
using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast ingest</c>: raw clickstream files to normalized events.</summary>
internal static class IngestCommand
{
    private static readonly Option<string[]> Sources = new("--source", "-s")
    {
        Description = "Local files or folders to upload into the tenant's raw/ prefix before ingesting (Avro, Parquet, CSV/TSV, JSON Lines, access logs; .gz for text).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<bool> RetryQuarantined = new("--retry-quarantined")
    {
        Description = "Also ingest again the files whose current version was quarantined (after fixing the mapping or the data); files that now ingest leave the quarantine.",
    };

    private static readonly Option<FileInfo?> Inspect = new("--inspect")
    {
        Description = "Inspect a local file instead of ingesting: format, codec, schema, the fields found and the ones the mapping picks, 5 rows as they would be normalized, drops by reason over the first 10,000 rows, and a mapping to paste. Uses --config, else the stored tenant's settings, else the defaults. Writes nothing.",
    };

    public static Command Create()
    {
        var command = new Command("ingest", """
            Primary processing: reads every raw file of the tenant that has not been ingested yet (tenants/<tenant>/raw/),
            keeps client id, time and URL, drops technical domains, static assets, bots and bad rows, cuts URLs to
            the configured level, and appends the events as Parquet per day under tenants/<tenant>/events/.
            Each file version is ingested once per version of the ingest settings: after a settings change, files
            ingested before are ingested again and their earlier events replaced (never doubled). A file that cannot be
            read is copied to quarantine/ with its reason; --retry-quarantined tries those again. The same bytes under a
            new name are skipped with a warning (ingest.duplicateContent).

            Settings: the tenant's stored definition (as 'tenants apply' stored it, as the pipeline uses it); the
            "ingest" section of --config replaces its ingest settings, and the first line says which was used (not
            with --json). Every ingest key: docs/ingest.md.
            """)
        {
            GlobalOptions.Tenant,
            GlobalOptions.Config,
            Sources,
            RetryQuarantined,
            Inspect,
        };
        command.SetAction((parse, token) => CliAction.RunAsync(parse, (services, ct) => RunAsync(parse, services, ct), token));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var tenant = parse.GetValue(GlobalOptions.Tenant)!;
        TenantLayout.ValidateTenant(tenant);
        var settings = DataPlaneSettings.Load(parse.GetValue(GlobalOptions.Config));
        var stored = await StoredDefinition.LoadAsync(services, tenant, cancellationToken).ConfigureAwait(false);
        if (!parse.GetValue(GlobalOptions.Json))
        {
            stored.Say(settings.HasIngest ? ["--config overrides ingest"] : []);
        }

        var ingest = stored.IngestWith(settings);
        if (parse.GetValue(Inspect) is { } inspect)
        {
            if (!inspect.Exists)
            {
                throw new CliException($"{inspect.FullName}: no such file");
            }

            var inspection = await SourceInspector.InspectAsync(inspect.FullName, ingest, cancellationToken: cancellationToken).ConfigureAwait(false);
            PrintInspection(inspection, parse.GetValue(GlobalOptions.Json));
            return inspection.Error is null ? 0 : 3;
        }

        var store = services.GetRequiredService<IObjectStore>();
        var sources = parse.GetValue(Sources) ?? [];
        if (sources.Length > 0)
        {
            var uploaded = await UploadAsync(store, tenant, sources, cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"Uploaded {uploaded} file(s) to {TenantLayout.Raw(tenant)}");
        }

        var redo = parse.GetValue(RetryQuarantined) ? IngestRedo.Quarantined : IngestRedo.None;
        var report = await RunIngestAsync(services, tenant, ingest, redo, stored.Definition?.Shards ?? 1, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(GlobalOptions.Json))
        {
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, ClickcastJson.Indented));
        }
        else
        {
            Print(report);
        }

        // A quarantined file is not a success: scripts must see it.
        return report.Files.Any(f => f.Status is IngestStatus.Quarantined or IngestStatus.AlreadyQuarantined) ? 3 : 0;
    }

    /// <summary>Ingests under a progress bar; shared with the demo.</summary>
    public static Task<IngestRunReport> RunIngestAsync(IServiceProvider services, string tenant, IngestOptions options, CancellationToken cancellationToken) =>
        RunIngestAsync(services, tenant, options, IngestRedo.None, 1, cancellationToken);

    private static Task<IngestRunReport> RunIngestAsync(IServiceProvider services, string tenant, IngestOptions options, IngestRedo redo, int shards, CancellationToken cancellationToken)
    {
        var ingestor = services.GetRequiredService<Ingestor>();
        return Ui.WithProgressAsync("Ingest", update =>
            ingestor.IngestAsync(tenant, options, redo, shards, progress: new Progress<IngestProgress>(p => update(p.FilesDone, p.FilesTotal, $"{p.FilesDone}/{p.FilesTotal} files, {Ui.Count(p.RowsRead)} rows")), cancellationToken: cancellationToken));
    }

    /// <summary>Copies local files into the tenant's raw/ prefix, keeping folder-relative names.</summary>
    public static async Task<int> UploadAsync(IObjectStore store, string tenant, IEnumerable<string> sources, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var source in sources)
        {
            IEnumerable<(string Path, string Name)> files;
            if (Directory.Exists(source))
            {
                files = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .Select(f => (f, Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/')));
            }
            else if (File.Exists(source))
            {
                files = [(source, Path.GetFileName(source))];
            }
            else
            {
                throw new CliException($"{source}: no such file or folder");
            }

            foreach (var (path, name) in files)
            {
                await store.PutFileAsync(TenantLayout.Raw(tenant) + name, path, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }

    public static void Print(IngestRunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Ingest of tenant [bold]{report.Tenant.EscapeMarkup()}[/]");
        table.AddColumns("File", "Format", "Status", "Rows read", "Kept", "Dropped (by reason)");
        foreach (var file in report.Files)
        {
            var status = file.Status switch
            {
                IngestStatus.Ingested => "[green]ingested[/]",
                IngestStatus.Quarantined => "[red]quarantined[/]",
                IngestStatus.AlreadyQuarantined => "[red]quarantined before[/] (same settings; --retry-quarantined)",
                IngestStatus.DuplicateContent => "[yellow]duplicate content[/]",
                _ => "[grey]already ingested[/]",
            };
            var dropped = file.Status is IngestStatus.Quarantined or IngestStatus.AlreadyQuarantined or IngestStatus.DuplicateContent
                ? file.Error ?? string.Empty
                : string.Join(", ", file.Dropped.OrderByDescending(p => p.Value).Select(p => $"{p.Key}: {Ui.Count(p.Value)}"));
            table.AddRow(
                new Markup(Shorten(file.Key).EscapeMarkup()),
                new Text(file.Format.ToString()),
                new Markup(status),
                new Text(Ui.Count(file.RowsRead)),
                new Text(Ui.Count(file.RowsKept)),
                new Text(dropped));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(
            $"{report.Ingested} ingested, {report.AlreadyIngested} already ingested, {report.Quarantined} quarantined, {report.DuplicateContent} duplicate(s) skipped; {Ui.Count(report.RowsKept)} of {Ui.Count(report.RowsRead)} rows kept in {Ui.Duration(report.Duration)} ({Ui.Rate(report.RowsRead, report.Duration)})");
    }

    private static void PrintInspection(SourceInspection inspection, bool json)
    {
        if (json)
        {
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(inspection, ClickcastJson.Indented));
            return;
        }

        var about = Output.Table($"Inspection of {Path.GetFileName(inspection.File)}", "", "");
        about.Row("format", inspection.Format + (inspection.Gzip ? " (gzip)" : string.Empty))
            .Row("codec", inspection.Codec)
            .Row("fields", string.Join(", ", inspection.Fields))
            .Row("client id", inspection.Mapping?.ClientId)
            .Row("time", inspection.Mapping?.Timestamp)
            .Row("URL", inspection.Mapping?.Url)
            .Row("event type", inspection.Mapping?.EventType)
            .Row("user agent", inspection.Mapping?.UserAgent)
            .Row("rows read", inspection.RowsRead)
            .Row("would be kept", inspection.RowsKept)
            .Row("would be dropped", string.Join(", ", inspection.Dropped.OrderByDescending(p => p.Value).Select(p => $"{p.Key}: {p.Value}")));
        AnsiConsole.Write(about);
        if (inspection.Schema is not null)
        {
            AnsiConsole.WriteLine("Schema: " + inspection.Schema);
        }

        var rows = Output.Table("Rows as ingest would normalize them", "Row", "Client", "Time (UTC)", "URL in the file", "Token", "Event type", "Dropped");
        foreach (var row in inspection.Samples)
        {
            rows.Row(row.Row, row.ClientId, row.Time, row.RawUrl, row.Token, row.EventType, row.Dropped == Events.DropReason.None ? null : row.Dropped);
        }

        AnsiConsole.Write(rows);
        if (inspection.Error is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Would be quarantined:[/] {inspection.Error}");
        }

        if (inspection.SuggestedMapping is not null)
        {
            AnsiConsole.WriteLine("Mapping to paste into the tenant definition:");
            Console.WriteLine(inspection.SuggestedMapping);
        }
    }

    private static string Shorten(string key)
    {
        var raw = key.IndexOf("/raw/", StringComparison.Ordinal);
        return raw >= 0 ? key[(raw + 5)..] : key;
    }
}
