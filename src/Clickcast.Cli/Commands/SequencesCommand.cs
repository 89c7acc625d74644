using System.CommandLine;
using Clickcast.Sequences;
using Clickcast.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast sequences</c>: events to per-client chains.</summary>
internal static class SequencesCommand
{
    private static readonly Option<string> Client = new("--client", "-c")
    {
        Description = "The client id to show.",
        Required = true,
    };

    public static Command Create()
    {
        var command = new Command("sequences", """
            Secondary processing: brings the tenant's per-client sequences (chronological URL tokens with time deltas,
            capped to the latest events) up to date with its events. The first run builds everything; later runs
            read only new event files and rebuild only the clients they touch.
            Settings: the tenant's stored definition; the "sequences" section of --config replaces its sequence settings.
            """)
        {
            GlobalOptions.Tenant,
            GlobalOptions.Config,
        };
        command.SetAction((parse, token) => CliAction.RunAsync(parse, (services, ct) => UpdateAsync(parse, services, ct), token));

        var show = new Command("show", "Prints one client's sequence.") { GlobalOptions.Tenant, Client };
        show.SetAction((parse, token) => CliAction.RunAsync(parse, (services, ct) => ShowAsync(parse, services, ct), token));
        command.Subcommands.Add(show);
        return command;
    }

    private static async Task<int> UpdateAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var tenant = parse.GetValue(GlobalOptions.Tenant)!;
        TenantLayout.ValidateTenant(tenant);
        var settings = DataPlaneSettings.Load(parse.GetValue(GlobalOptions.Config));
        var stored = await StoredDefinition.LoadAsync(services, tenant, cancellationToken).ConfigureAwait(false);
        stored.Say(settings.HasSequences ? ["--config overrides sequences"] : []);
        var options = settings.HasSequences ? settings.Sequences : stored.Definition?.Sequences ?? new SequenceOptions();
        var report = await RunUpdateAsync(services, tenant, stored.Definition?.Shards ?? 1, options, cancellationToken).ConfigureAwait(false);
        Print(report);
        return 0;
    }

    /// <summary>Updates under a progress bar; a sharded tenant's shards are built in this process, a few at a time, then committed.</summary>
    public static Task<SequenceUpdateReport> RunUpdateAsync(IServiceProvider services, string tenant, int shards, SequenceOptions options, CancellationToken cancellationToken)
    {
        var builder = services.GetRequiredService<SequenceBuilder>();
        return Ui.WithProgressAsync("Sequences", update =>
            builder.UpdateAsync(tenant, shards, options, new Progress<SequenceProgress>(p => update(p.Done, p.Total, p.Stage)), cancellationToken));
    }

    public static void Print(SequenceUpdateReport report)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"Sequences of [bold]{report.Tenant}[/]: {report.Mode} update to generation {report.Generation}: {report.EventFilesRead} event file(s), {Ui.Count(report.EventsRead)} events, {Ui.Count(report.ClientsUpdated)} client(s) rebuilt in {report.Ranges} range(s), {report.Segments} segment(s), {Ui.Duration(report.Duration)} ({Ui.Rate(report.EventsRead, report.Duration)})");
    }

    private static async Task<int> ShowAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var tenant = parse.GetValue(GlobalOptions.Tenant)!;
        var client = parse.GetValue(Client)!;
        var sequence = await services.GetRequiredService<SequenceStore>().FindAsync(tenant, client, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"tenant '{tenant}' has no sequence for client '{client}'");
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{sequence.ClientId.EscapeMarkup()}: {sequence.Length} of {sequence.EventCount} events, first {Ui.Time(sequence.FirstEventMicros)}, last {Ui.Time(sequence.LastEventMicros)}");
        table.AddColumns("#", "Time (UTC)", "+seconds", "URL token", "Event type");
        var deltas = sequence.DeltasSeconds();
        for (var i = 0; i < sequence.Length; i++)
        {
            table.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Ui.Time(sequence.TimestampsMicros[i]), deltas[i].ToString("0", System.Globalization.CultureInfo.InvariantCulture), sequence.Urls[i].EscapeMarkup(), sequence.EventTypes[i].EscapeMarkup());
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
