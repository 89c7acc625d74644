using System.CommandLine;
using Clickcast.Ingestion;
using Clickcast.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast compact</c>: merges a tenant's small events files now, in this process.</summary>
internal static class CompactCommand
{
    private static readonly Option<bool> All = new("--all")
    {
        Description = "Compact every events folder that has a file not compacted yet, not only those over the trigger (16 files).",
    };

    public static Command Create()
    {
        var command = new Command("compact", """
            Merges the small events files of every (period, shard) folder that holds more than 16 uncompacted files
            into compacted files of about 1M events (docs/ingest.md, "Compaction"), in this process. The pipeline
            queues this as a CompactEvents job after ingests; run it by hand to compact at once, or with --all to
            compact every folder (a closed period). Do not run it while a worker ingests or builds this tenant.
            """)
        {
            GlobalOptions.Tenant,
            All,
        };
        command.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var tenant = parse.GetValue(GlobalOptions.Tenant)!;
            TenantLayout.ValidateTenant(tenant);
            var stored = await StoredDefinition.LoadAsync(services, tenant, ct).ConfigureAwait(false);
            var counts = await services.GetRequiredService<EventCompaction>().CompactAsync(tenant, stored.Definition?.Shards ?? 1, parse.GetValue(All), ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated(
                $"Compacted the events of [bold]{tenant}[/]: {counts.Folders} folder(s), {counts.FilesMerged} file(s) merged into {counts.FilesWritten}, {Ui.Count(counts.Rows)} events, {counts.Deleted} file(s) deleted.");
            return 0;
        }, token));
        return command;
    }
}
