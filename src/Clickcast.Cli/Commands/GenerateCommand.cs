using System.CommandLine;
using System.Diagnostics;
using Clickcast.Generation;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast generate</c>: a seeded synthetic clickstream as Avro files.</summary>
internal static class GenerateCommand
{
    private static readonly Option<int> Clients = new("--clients") { Description = "Human clients.", DefaultValueFactory = _ => 10_000 };
    private static readonly Option<double> EventsPerClient = new("--events-per-client") { Description = "Mean events per client (heavy-tailed).", DefaultValueFactory = _ => 40 };
    private static readonly Option<int> Days = new("--days") { Description = "Days covered (one Avro file per day).", DefaultValueFactory = _ => 28 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed: same seed, same bytes.", DefaultValueFactory = _ => 20261126 };
    private static readonly Option<GeneratorScenario> Scenario = new("--scenario")
    {
        Description = "Funnel (default): browsing with a checkout page (target shop.example.com/checkout). RepeatBuyers: views, carts and purchases on product pages, where only the event type (target event type purchase) and past purchase counts carry the signal.",
        DefaultValueFactory = _ => GeneratorScenario.Funnel,
    };

    private static readonly Option<DirectoryInfo> Output = new("--out", "-o") { Description = "Folder for the files.", Required = true };

    public static Command Create()
    {
        var command = new Command("generate", """
            Writes a realistic synthetic clickstream (power-law page popularity, sessions with think times,
            heavy-tailed activity, a product -> cart -> checkout funnel driven by a hidden propensity, a few bots and
            junk rows) as CDP-style Avro files, one per day. The target for demos is shop.example.com/checkout.
            --scenario RepeatBuyers writes a shop instead: views, carts and purchases all on product pages, a hidden
            loyalty making past buyers buy again; only the event type reveals it (target: event type purchase).
            """)
        {
            Clients, EventsPerClient, Days, Seed, Scenario, Output,
        };
        command.SetAction(parse =>
        {
            var options = new GeneratorOptions
            {
                Clients = parse.GetValue(Clients),
                MeanEventsPerClient = parse.GetValue(EventsPerClient),
                Days = parse.GetValue(Days),
                Seed = parse.GetValue(Seed),
                Scenario = parse.GetValue(Scenario),
            };
            var started = Stopwatch.GetTimestamp();
            var (files, events) = ClickstreamFiles.Write(options, parse.GetValue(Output)!.FullName);
            var elapsed = Stopwatch.GetElapsedTime(started);
            AnsiConsole.MarkupLineInterpolated($"Wrote {Ui.Count(events)} events in {files.Count} Avro file(s) to {parse.GetValue(Output)!.FullName} in {Ui.Duration(elapsed)} ({Ui.Rate(events, elapsed)})");
            return 0;
        });
        return command;
    }
}
