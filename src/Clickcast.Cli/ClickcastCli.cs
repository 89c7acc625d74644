using System.CommandLine;
using System.CommandLine.Help;
using Clickcast.Cli.Commands;

namespace Clickcast.Cli;

/// <summary>The <c>clickcast</c> command line: one verb per pipeline step, over the same services as the server.</summary>
internal static class ClickcastCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Redirected output (CI logs, scripts) is not a terminal: do not wrap tables and summaries at 80 columns.
        if (Console.IsOutputRedirected)
        {
            Spectre.Console.AnsiConsole.Profile.Width = 160;
        }

        // System.CommandLine turns SIGTERM/SIGINT into the verb's cancelled token but gives up on the verb after 2 s
        // by default, which would cut a server's or worker's shutdown (jobs released, the host stopped) short.
        using var watchdog = new TerminationWatchdog();
        return await CreateRoot().Parse(args)
            .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TerminationWatchdog.GracePeriod })
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The command tree. The root is named 'clickcast' whatever the host (a RootCommand takes the name of the file that
    /// runs, "Clickcast.Cli" under 'dotnet Clickcast.Cli.dll' and as an installed tool).
    /// </summary>
    public static Command CreateRoot()
    {
        var root = new Command("clickcast", 
            """
            Clickcast turns clickstream into predictive attributes.

            Data plane steps, in order:
              ingest      raw clickstream files -> normalized events (Parquet per period)
              sequences   events -> per-client chains of URL tokens with time deltas
              train       sequences -> labelled examples -> GRU and baseline -> model folder and report
              evaluate    prints a model folder's report

            The automated pipeline (tenants and tasks in the metadata database, jobs in a durable queue):
              tenants     create/update tenants and their predictive tasks from JSON
              run         every due step once: new files -> ingest -> sequences -> train -> score -> export
              worker      the same, continuously (triggers, schedules, retries)
              runs        run history, retry, cancel
              models      registry: versions, champion, promote, rollback, history
              predictions current scores, buckets, one client
              uploads     send clickstream files (ingest starts at once), list them with their runs
              exports     deliveries of a task's scores
              serve       the control plane: HTTP API, dashboard, metrics, and the workers
              keys        API keys of the server (issue, list, revoke)
            The tenants, tasks, runs, models, predictions, uploads, exports and keys verbs work on the local store, or on a
            server with --server URL --key KEY (or CLICKCAST_SERVER and CLICKCAST_KEY); --json prints JSON for scripts.
            Settings (every verb, serve and worker alike): clickcast.json in the current folder or --settings FILE, then
            CLICKCAST_ environment variables (CLICKCAST_Jobs__RetryInterval=20s), then the flags given.
            Try 'clickcast demo' for the whole flow on sample data.
            """);
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(GlobalOptions.Data);
        root.Options.Add(GlobalOptions.Settings);
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.Json);
        GlobalOptions.LogFormat.AcceptOnlyFromAmong("text", "json");
        root.Options.Add(GlobalOptions.LogFormat);
        root.Options.Add(GlobalOptions.Server);
        root.Options.Add(GlobalOptions.Key);
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(SequencesCommand.Create());
        root.Subcommands.Add(ReshardCommand.Create());
        root.Subcommands.Add(CompactCommand.Create());
        root.Subcommands.Add(PretrainCommand.Create());
        root.Subcommands.Add(TrainCommand.CreateTrain());
        root.Subcommands.Add(TrainCommand.CreateEvaluate());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(TenantsCommand.Create());
        root.Subcommands.Add(TenantsCommand.CreateTasks());
        root.Subcommands.Add(RunCommand.CreateRun());
        root.Subcommands.Add(RunCommand.CreateWorker());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(PredictionsCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UploadsCommand.Create());
        root.Subcommands.Add(ExportsCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        return root;
    }
}
