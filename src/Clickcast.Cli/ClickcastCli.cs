using System.CommandLine;
using Clickcast.Cli.Commands;

namespace Clickcast.Cli;

/// <summary>The <c>clickcast</c> command line: one verb per pipeline step, over the same services as the server.</summary>
internal static class ClickcastCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand(
            """
            Clickcast turns clickstream into predictive attributes.

            Data plane steps, in order:
              ingest      raw clickstream files -> normalized events (Parquet per period)
              sequences   events -> per-client chains of URL tokens with time deltas
              train       sequences -> labelled examples -> GRU and baseline -> model folder and report
              evaluate    prints a model folder's report
            Try 'clickcast demo' for the whole flow on sample data.
            """);
        root.Options.Add(GlobalOptions.Data);
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(SequencesCommand.Create());
        root.Subcommands.Add(TrainCommand.CreateTrain());
        root.Subcommands.Add(TrainCommand.CreateEvaluate());
        root.Subcommands.Add(GenerateCommand.Create());
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
