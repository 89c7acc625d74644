using System.CommandLine;
using Clickcast.Scoring;
using Clickcast.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast predictions</c>: a task's current scores — distribution, buckets, one client's score.</summary>
internal static class PredictionsCommand
{
    private static readonly Option<string?> Client = new("--client", "-c") { Description = "Show this client's score." };

    public static Command Create()
    {
        var predictions = new Command("predictions", "A task's current scores (every client's latest): distribution by bucket, runs, one client's score.");
        var show = new Command("show", "Summarises the current scores, or shows one client's.") { GlobalOptions.Tenant, GlobalOptions.TaskId, Client };
        show.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
            var store = services.GetRequiredService<IObjectStore>();
            var key = Scorer.CurrentKey(tenant, task);
            if (await store.GetInfoAsync(key, ct).ConfigureAwait(false) is null)
            {
                throw new CliException($"{tenant}/{task} has no scores yet: run the pipeline ('clickcast run')");
            }

            using var copy = await store.GetLocalCopyAsync(key, ct).ConfigureAwait(false);
            var all = new List<Prediction>();
            await foreach (var p in PredictionFileReader.ReadAsync(copy.Path, ct).ConfigureAwait(false))
            {
                all.Add(p);
            }

            if (parse.GetValue(Client) is { } client)
            {
                var one = all.FirstOrDefault(p => p.ClientId == client);
                if (one.ClientId is null)
                {
                    throw new CliException($"no score for client '{client}' in {tenant}/{task}");
                }

                Output.Write(parse.GetValue(GlobalOptions.Json), one, p => Output.Table($"{client} in {tenant}/{task}", "Field", "Value")
                    .Row("probability", p.Probability).Row("percentile", p.Percentile).Row("bucket", p.Bucket).Row("above threshold", p.AboveThreshold)
                    .Row("model", "v" + p.ModelVersion).Row("scored at", p.ScoredAt));
                return 0;
            }

            var buckets = all.GroupBy(p => p.Bucket).OrderByDescending(g => ScoreBuckets.Parse(g.Key))
                .Select(g => new { Bucket = g.Key, Clients = g.Count(), MeanProbability = g.Average(p => p.Probability), AboveThreshold = g.Count(p => p.AboveThreshold) }).ToList();
            Output.Write(parse.GetValue(GlobalOptions.Json), new { Clients = all.Count, Buckets = buckets }, summary =>
            {
                var table = Output.Table($"Scores of {tenant}/{task}: {summary.Clients:N0} clients", "Bucket", "Clients", "Mean probability", "Above threshold");
                foreach (var b in summary.Buckets)
                {
                    table.Row(b.Bucket, b.Clients, b.MeanProbability, b.AboveThreshold);
                }

                return table;
            });
            return 0;
        }, token));
        predictions.Subcommands.Add(show);
        return predictions;
    }
}
