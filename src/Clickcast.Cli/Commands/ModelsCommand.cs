using System.CommandLine;
using Clickcast.Pipeline;
using Clickcast.Registry;
using Clickcast.Server.Models;
using Clickcast.Server.Tenants;
using Clickcast.Training;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast models</c>: the registry — versions, champion, history; promote, roll back, resume retraining.</summary>
internal static class ModelsCommand
{
    private static readonly Option<int> Version = new("--version") { Description = "The model version.", Required = true };
    private static readonly Option<string> Reason = new("--reason") { Description = "Why (recorded in the history).", DefaultValueFactory = _ => "no reason given" };

    public static Command Create()
    {
        var models = new Command("models", "The model registry of a task: every version kept, one champion, the history of decisions.");

        var list = new Command("list", "Lists a task's model versions, newest first.") { GlobalOptions.Tenant, GlobalOptions.TaskId };
        list.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
        {
            var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
            var versions = await services.GetRequiredService<ModelRegistry>().ListAsync(tenant, task, ct).ConfigureAwait(false);
            var retraining = await services.GetRequiredService<ModelRegistry>().GetRetrainingAsync(tenant, task, ct).ConfigureAwait(false);
            PrintVersions(parse, versions);
            if (!parse.GetValue(GlobalOptions.Json))
            {
                AnsiConsole.MarkupLineInterpolated($"Retraining: {(retraining.Paused ? $"PAUSED ({retraining.PausedReason})" : "active")}; {retraining.NonImproving} non-improving retrain(s) in a row.");
            }

            return 0;
        },
            async (api, ct) =>
            {
                var models = await api.GetAsync<ModelList>($"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks/{parse.GetValue(GlobalOptions.TaskId)}/models", ct).ConfigureAwait(false);
                PrintVersions(parse, models.Versions);
                return 0;
            },
            token));
        models.Subcommands.Add(list);

        var show = new Command("show", "Prints a model version's card: data, metrics side by side, threshold, explanation.") { GlobalOptions.Tenant, GlobalOptions.TaskId, Version };
        show.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
            var model = await services.GetRequiredService<ModelRegistry>().GetAsync(tenant, task, parse.GetValue(Version), ct).ConfigureAwait(false)
                ?? throw new CliException($"{tenant}/{task} has no model v{parse.GetValue(Version)}");
            var folder = await services.GetRequiredService<ModelStore>().LocalFolderAsync(model.FolderKey, ct).ConfigureAwait(false);
            Console.WriteLine(ModelReport.Render(folder, $"{tenant} / {task} — model v{model.Version} ({model.Status})"));
            if (model.Decision is not null)
            {
                Console.WriteLine($"Decision: {model.Decision}");
            }

            return 0;
        }, token));
        models.Subcommands.Add(show);

        var promote = new Command("promote", "Makes a version the champion by hand.") { GlobalOptions.Tenant, GlobalOptions.TaskId, Version, Reason };
        promote.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
        {
            var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
            await services.GetRequiredService<ModelRegistry>().PromoteAsync(tenant, task, parse.GetValue(Version), Actor(), parse.GetValue(Reason)!, ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"v{parse.GetValue(Version)} is the champion of {tenant}/{task}; the next scoring run rescores everyone with it.");
            return 0;
        },
            async (api, ct) =>
            {
                await api.SendAsync<ModelVersion>(HttpMethod.Post, $"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks/{parse.GetValue(GlobalOptions.TaskId)}/models/{parse.GetValue(Version)}/promote", new ReasonRequest(parse.GetValue(Reason)), ct).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"v{parse.GetValue(Version)} is the champion; the next scoring run rescores everyone with it.");
                return 0;
            },
            token));
        models.Subcommands.Add(promote);

        var rollback = new Command("rollback", "Puts the previous champion back.") { GlobalOptions.Tenant, GlobalOptions.TaskId, Reason };
        rollback.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
        {
            var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
            var restored = await services.GetRequiredService<ModelRegistry>().RollbackAsync(tenant, task, Actor(), parse.GetValue(Reason)!, ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"Rolled back: v{restored} is the champion of {tenant}/{task} again.");
            return 0;
        },
            async (api, ct) =>
            {
                var restored = await api.SendAsync<ModelVersion>(HttpMethod.Post, $"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks/{parse.GetValue(GlobalOptions.TaskId)}/models/rollback", new ReasonRequest(parse.GetValue(Reason)), ct).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"Rolled back: v{restored.Version} is the champion again.");
                return 0;
            },
            token));
        models.Subcommands.Add(rollback);

        var history = new Command("history", "Prints what happened to a task's models: registered, promoted, rejected, rolled back, paused.") { GlobalOptions.Tenant, GlobalOptions.TaskId };
        history.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
        {
            var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
            var entries = await services.GetRequiredService<ModelRegistry>().HistoryAsync(tenant, task, ct).ConfigureAwait(false);
            PrintHistory(parse, entries);
            return 0;
        },
            async (api, ct) =>
            {
                PrintHistory(parse, await api.GetAsync<List<ModelHistoryEntry>>($"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks/{parse.GetValue(GlobalOptions.TaskId)}/models/history", ct).ConfigureAwait(false));
                return 0;
            },
            token));
        models.Subcommands.Add(history);

        var reset = new Command("reset-retraining", "Resumes paused retraining and clears the count of non-improving retrains.") { GlobalOptions.Tenant, GlobalOptions.TaskId, Reason };
        reset.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
            var registry = services.GetRequiredService<ModelRegistry>();
            await registry.ResumeRetrainingAsync(tenant, task, parse.GetValue(Reason) ?? "no reason given", Actor(), ct).ConfigureAwait(false);
            AnsiConsole.MarkupLine("Retraining resumed.");
            return 0;
        }, token));
        models.Subcommands.Add(reset);
        return models;
    }

    private static void PrintVersions(ParseResult parse, IReadOnlyList<ModelVersion> versions) => Output.Write(parse.GetValue(GlobalOptions.Json), versions, rows =>
    {
        var table = Output.Table($"Models of {parse.GetValue(GlobalOptions.Tenant)}/{parse.GetValue(GlobalOptions.TaskId)}", "Version", "Status", "Family", "Test AUC", "Champion on same test", "Created", "Decision");
        foreach (var v in rows)
        {
            table.Row("v" + v.Version, v.Status, v.Family, v.TestAuc, v.ChampionAucOnSameTest, v.CreatedAt, v.Decision);
        }

        return table;
    });

    private static void PrintHistory(ParseResult parse, IReadOnlyList<ModelHistoryEntry> entries) => Output.Write(parse.GetValue(GlobalOptions.Json), entries, rows =>
    {
        var table = Output.Table($"History of {parse.GetValue(GlobalOptions.Tenant)}/{parse.GetValue(GlobalOptions.TaskId)}", "When", "Action", "Version", "Actor", "Detail");
        foreach (var e in rows)
        {
            table.Row(e.At, e.Action, e.Version is null ? null : "v" + e.Version, e.Actor, e.Detail);
        }

        return table;
    });

    private static string Actor() => "cli:" + Environment.UserName;
}
