using System.CommandLine;
using Clickcast.Scoring;
using Clickcast.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast predictions</c>: a task's current scores — distribution, buckets, one client's score and its top URLs.</summary>
internal static class PredictionsCommand
{
    private static readonly Option<string?> Client = new("--client", "-c") { Description = "Show this client's score and the URL tokens that move it most." };

    public static Command Create()
    {
        var predictions = new Command("predictions", "A task's current scores (every client's latest): distribution by bucket, runs, one client's score.");
        var show = new Command("show", "Summarises the current scores, or shows one client's with its top contributing URLs.") { GlobalOptions.Tenant, GlobalOptions.TaskId, Client };
        show.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
                var insights = services.GetRequiredService<PredictionInsights>();
                if (parse.GetValue(Client) is { } client)
                {
                    var definition = await services.GetRequiredService<TenantCatalog>().GetTaskAsync(tenant, task, ct).ConfigureAwait(false) ?? throw new CliException($"no task '{task}' in '{tenant}'");
                    var score = await Ui.WithProgressAsync("Explaining", async _ => await insights.LookupAsync(definition.ScoringRequest(tenant), client, cancellationToken: ct).ConfigureAwait(false)).ConfigureAwait(false)
                        ?? throw new CliException($"no score for client '{client}' in {tenant}/{task}");
                    PrintClient(parse, score);
                    return 0;
                }

                var summary = await insights.SummarizeAsync(tenant, task, ct).ConfigureAwait(false) ?? throw new CliException($"{tenant}/{task} has no scores yet: run the pipeline ('clickcast run')");
                PrintSummary(parse, summary);
                return 0;
            },
            async (api, ct) =>
            {
                var path = $"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks/{parse.GetValue(GlobalOptions.TaskId)}/predictions";
                if (parse.GetValue(Client) is { } client)
                {
                    PrintClient(parse, await api.GetAsync<ClientScore>($"{path}/clients/{Uri.EscapeDataString(client)}", ct).ConfigureAwait(false));
                    return 0;
                }

                PrintSummary(parse, await api.GetAsync<PredictionSummary>(path, ct).ConfigureAwait(false));
                return 0;
            },
            token));
        predictions.Subcommands.Add(show);
        return predictions;
    }

    private static void PrintClient(ParseResult parse, ClientScore score) => Output.Write(parse.GetValue(GlobalOptions.Json), score, s =>
    {
        var p = s.Prediction;
        var table = Output.Table($"{p.ClientId} in {p.Tenant}/{p.Task}", "Field", "Value")
            .Row("probability", p.Probability).Row("percentile", p.Percentile).Row("bucket", p.Bucket).Row("above threshold", p.AboveThreshold)
            .Row("model", "v" + p.ModelVersion).Row("scored at", p.ScoredAt).Row("events in chain", s.Events);
        foreach (var url in s.TopUrls)
        {
            table.Row(url.Token, (url.MeanEffect >= 0 ? "+" : string.Empty) + (100 * url.MeanEffect).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " pp");
        }

        return table;
    });

    private static void PrintSummary(ParseResult parse, PredictionSummary summary) => Output.Write(parse.GetValue(GlobalOptions.Json), summary, s =>
    {
        var table = Output.Table($"Scores of {s.Tenant}/{s.Task}: {s.Clients:N0} clients, mean probability {s.MeanProbability:0.0000}", "Bucket", "Clients", "Mean probability", "Lowest probability", "Above threshold");
        foreach (var b in s.Buckets)
        {
            table.Row(b.Bucket, b.Clients, b.MeanProbability, b.MinProbability, b.AboveThreshold);
        }

        if (s.Monitoring is { } m)
        {
            foreach (var b in m.Buckets)
            {
                table.Row($"{ScoreBuckets.Name(b.Bucket)}: expected vs actual (run {m.RunId})", b.Clients, b.ExpectedRate, b.ActualRate, null);
            }
        }

        return table;
    });
}
