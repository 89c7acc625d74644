using System.CommandLine;
using System.Text.Json;
using Clickcast.Cli.Remote;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Server.Tenants;
using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast tenants</c> and <c>clickcast tasks</c>: create, update and inspect tenants and their predictive tasks, locally or on a server.</summary>
internal static class TenantsCommand
{
    private static readonly Option<FileInfo> File = new("--file", "-f") { Description = "JSON tenant definition: {\"id\", \"ingest\", \"sequences\", \"tasks\": [...]}.", Required = true };
    private static readonly Option<FileInfo> TaskFile = new("--file", "-f") { Description = "JSON task definition: {\"id\", \"attribute\", \"target\", \"labeling\", \"model\", \"exports\", ...}.", Required = true };
    private static readonly Option<string> Reason = new("--reason") { Description = "Why (recorded in the history).", DefaultValueFactory = _ => "no reason given" };

    private static readonly Option<int?> IfVersion = new("--if-version") { Description = "Apply only if the tenant is still at this version (sent as If-Match): protects an edit from overwriting someone else's." };

    public static Command Create()
    {
        var tenants = new Command("tenants", "Tenants: their ingest settings and predictive tasks, versioned in the metadata database.");
        var apply = new Command("apply", "Creates or updates a tenant and its tasks from a JSON file (a new version when anything changed). With --if-version N it applies only if the tenant is still at version N (the server answers 412 otherwise).") { File, IfVersion };
        apply.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var definition = TaskFiles.LoadTenant(parse.GetValue(File)!);
                var catalog = services.GetRequiredService<TenantCatalog>();
                var version = parse.GetValue(IfVersion) is { } expected
                    ? await catalog.SaveIfVersionAsync(definition, expected, ct).ConfigureAwait(false)
                        ?? throw new CliException($"Tenant '{definition.Id}' is not at version {expected} any more: read it again and reapply your change.")
                    : await catalog.SaveAsync(definition, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"Tenant [bold]{definition.Id}[/] is at version {version} with {definition.Tasks.Count} task(s); raw files go under tenants/{definition.Id}/raw/");
                return 0;
            },
            async (api, ct) =>
            {
                var definition = TaskFiles.LoadTenant(parse.GetValue(File)!);
                var exists = (await api.GetAsync<List<TenantOverview>>("api/tenants", ct).ConfigureAwait(false)).Any(t => t.Id == definition.Id);
                if (exists)
                {
                    var view = await api.SendAsync<TenantView>(HttpMethod.Put, $"api/tenants/{definition.Id}", definition, parse.GetValue(IfVersion), ct).ConfigureAwait(false);
                    AnsiConsole.MarkupLineInterpolated($"Tenant [bold]{definition.Id}[/] is at version {view.Version} with {definition.Tasks.Count} task(s).");
                    return 0;
                }

                var created = await api.SendAsync<TenantCreated>(HttpMethod.Post, "api/tenants", definition, ct).ConfigureAwait(false);
                Output.Write(parse.GetValue(GlobalOptions.Json), created, c => Output.Table($"Tenant {definition.Id} created (version {c.Tenant.Version})", "Field", "Value")
                    .Row("key (shown once)", c.Key?.Secret).Row("raw files", c.Tasks.Count > 0 ? c.Tasks[0].RawPrefix : $"tenants/{definition.Id}/raw/"));
                return 0;
            },
            token));
        tenants.Subcommands.Add(apply);

        var list = new Command("list", "Lists tenants and their tasks' freshness.");
        list.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var summaries = services.GetRequiredService<TaskSummaries>();
                var all = new List<TenantOverview>();
                foreach (var tenant in await services.GetRequiredService<TenantCatalog>().ListAsync(ct).ConfigureAwait(false))
                {
                    all.Add(new TenantOverview(tenant.Id, tenant.DisplayName, await summaries.ListAsync(tenant, ct).ConfigureAwait(false)));
                }

                PrintTenants(all, parse.GetValue(GlobalOptions.Json));
                return 0;
            },
            async (api, ct) =>
            {
                PrintTenants(await api.GetAsync<List<TenantOverview>>("api/tenants", ct).ConfigureAwait(false), parse.GetValue(GlobalOptions.Json));
                return 0;
            },
            token));
        tenants.Subcommands.Add(list);

        var show = new Command("show", "Prints a tenant's current definition as JSON (secrets masked).") { GlobalOptions.Tenant };
        show.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var tenant = await services.GetRequiredService<TenantCatalog>().GetAsync(parse.GetValue(GlobalOptions.Tenant)!, ct).ConfigureAwait(false)
                    ?? throw new CliException($"no tenant '{parse.GetValue(GlobalOptions.Tenant)}'");
                Console.WriteLine(JsonSerializer.Serialize(DefinitionSecrets.Masked(tenant), ClickcastJson.Indented));
                return 0;
            },
            async (api, ct) =>
            {
                var view = await api.GetAsync<TenantView>($"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}", ct).ConfigureAwait(false);
                Console.WriteLine(JsonSerializer.Serialize(view.Definition, ClickcastJson.Indented));
                return 0;
            },
            token));
        tenants.Subcommands.Add(show);
        return tenants;
    }

    public static Command CreateTasks()
    {
        var tasks = new Command("tasks", "A tenant's predictive tasks: list with freshness, add, train or score now, pause, remove.");
        var list = new Command("list", "Lists a tenant's tasks: freshness, champion, quality, last scoring.") { GlobalOptions.Tenant };
        list.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var tenant = await services.GetRequiredService<TenantCatalog>().GetAsync(parse.GetValue(GlobalOptions.Tenant)!, ct).ConfigureAwait(false)
                    ?? throw new CliException($"no tenant '{parse.GetValue(GlobalOptions.Tenant)}'");
                PrintTasks(tenant.Id, await services.GetRequiredService<TaskSummaries>().ListAsync(tenant, ct).ConfigureAwait(false), parse.GetValue(GlobalOptions.Json));
                return 0;
            },
            async (api, ct) =>
            {
                var tenant = parse.GetValue(GlobalOptions.Tenant)!;
                PrintTasks(tenant, await api.GetAsync<List<TaskSummary>>($"api/tenants/{tenant}/tasks", ct).ConfigureAwait(false), parse.GetValue(GlobalOptions.Json));
                return 0;
            },
            token));
        tasks.Subcommands.Add(list);

        var add = new Command("add", "Adds a task to a tenant from a JSON file; on a server it is provisioned and an upload key is issued (shown once).") { GlobalOptions.Tenant, TaskFile };
        add.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var catalog = services.GetRequiredService<TenantCatalog>();
                var tenant = await catalog.GetAsync(parse.GetValue(GlobalOptions.Tenant)!, ct).ConfigureAwait(false) ?? throw new CliException($"no tenant '{parse.GetValue(GlobalOptions.Tenant)}'");
                var task = TaskFiles.LoadTask(parse.GetValue(TaskFile)!);
                if (tenant.Tasks.Any(t => t.Id == task.Id))
                {
                    throw new CliException($"task '{task.Id}' exists in '{tenant.Id}'");
                }

                tenant.Tasks.Add(task);
                var version = await catalog.SaveAsync(tenant, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"Task [bold]{task.Id}[/] added to {tenant.Id} (version {version}).");
                return 0;
            },
            async (api, ct) =>
            {
                var created = await api.SendAsync<TaskCreated>(HttpMethod.Post, $"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks", TaskFiles.LoadTask(parse.GetValue(TaskFile)!), ct).ConfigureAwait(false);
                Output.Write(parse.GetValue(GlobalOptions.Json), created, c => Output.Table($"Task {c.Task.Definition.Id} created", "Field", "Value")
                    .Row("raw files", c.Task.Provisioning.RawPrefix).Row("predictions", c.Task.Provisioning.PredictionsPrefix)
                    .Row("upload key (shown once)", c.Credentials?.Secret));
                return 0;
            },
            token));
        tasks.Subcommands.Add(add);

        var remove = new Command("remove", "Removes a task from the tenant's definition (its models, scores and runs are kept).") { GlobalOptions.Tenant, GlobalOptions.TaskId };
        remove.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var catalog = services.GetRequiredService<TenantCatalog>();
                var tenant = await catalog.GetAsync(parse.GetValue(GlobalOptions.Tenant)!, ct).ConfigureAwait(false) ?? throw new CliException($"no tenant '{parse.GetValue(GlobalOptions.Tenant)}'");
                var removed = tenant.Tasks.Where(t => t.Id == parse.GetValue(GlobalOptions.TaskId)).ToList();
                if (removed.Count == 0)
                {
                    throw new CliException($"no task '{parse.GetValue(GlobalOptions.TaskId)}' in '{tenant.Id}'");
                }

                tenant.Tasks.Remove(removed[0]);
                await catalog.SaveAsync(tenant, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine("Removed.");
                return 0;
            },
            async (api, ct) =>
            {
                await api.SendAsync(HttpMethod.Delete, $"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks/{parse.GetValue(GlobalOptions.TaskId)}", ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine("Removed.");
                return 0;
            },
            token));
        tasks.Subcommands.Add(remove);

        tasks.Subcommands.Add(Enqueue("train", "Queues a training job now, whatever the retraining policy says.", JobKind.Train, new TrainPayload(TrainTrigger.Manual)));
        tasks.Subcommands.Add(Enqueue("score", "Queues a scoring job now with the champion.", JobKind.Score, new ScorePayload("manual")));
        tasks.Subcommands.Add(Retraining("pause", "Pauses retraining (scoring goes on with the champion).", paused: true));
        tasks.Subcommands.Add(Retraining("resume", "Resumes retraining and clears the count of non-improving retrains.", paused: false));
        return tasks;
    }

    private static Command Enqueue<T>(string name, string description, JobKind kind, T payload)
    {
        var command = new Command(name, description) { GlobalOptions.Tenant, GlobalOptions.TaskId };
        command.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
                _ = await services.GetRequiredService<TenantCatalog>().GetTaskAsync(tenant, task, ct).ConfigureAwait(false) ?? throw new CliException($"no task '{task}' in '{tenant}'");
                var job = await services.GetRequiredService<JobQueue>().EnqueueAsync(new JobRequest(tenant, kind) { Task = task, Payload = JsonSerializer.Serialize(payload, ClickcastJson.Options) }, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"Queued {kind} run {job.Job.Id}; 'clickcast run' or a worker runs it.");
                return 0;
            },
            async (api, ct) =>
            {
                var job = await api.SendAsync<Job>(HttpMethod.Post, $"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks/{parse.GetValue(GlobalOptions.TaskId)}/{name}", new { }, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"Queued {job.Kind} run {job.Id} on the server.");
                return 0;
            },
            token));
        return command;
    }

    private static Command Retraining(string name, string description, bool paused)
    {
        var command = new Command(name, description) { GlobalOptions.Tenant, GlobalOptions.TaskId, Reason };
        command.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
                var registry = services.GetRequiredService<ModelRegistry>();
                var (reason, actor) = (parse.GetValue(Reason) ?? "no reason given", "cli:" + Environment.UserName);
                _ = paused
                    ? await registry.PauseRetrainingAsync(tenant, task, reason, actor, ct).ConfigureAwait(false)
                    : await registry.ResumeRetrainingAsync(tenant, task, reason, actor, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine(paused ? "Retraining paused." : "Retraining resumed.");
                return 0;
            },
            async (api, ct) =>
            {
                await api.SendAsync<RetrainingState>(HttpMethod.Post, $"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks/{parse.GetValue(GlobalOptions.TaskId)}/retraining/{name}", new ReasonRequest(parse.GetValue(Reason)), ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine(paused ? "Retraining paused." : "Retraining resumed.");
                return 0;
            },
            token));
        return command;
    }

    private static void PrintTenants(IReadOnlyList<TenantOverview> tenants, bool json) => Output.Write(json, tenants, rows =>
    {
        var table = Output.Table("Tenants", "Tenant", "Name", "Tasks (freshness)");
        foreach (var row in rows)
        {
            table.Row(row.Id, row.DisplayName, string.Join(", ", row.Tasks.Select(t => $"{t.Task} ({t.Freshness.ToString().ToLowerInvariant()})")));
        }

        return table;
    });

    private static void PrintTasks(string tenant, IReadOnlyList<TaskSummary> tasks, bool json) => Output.Write(json, tasks, rows =>
    {
        var table = Output.Table($"Tasks of {tenant}", "Task", "Attribute", "Freshness", "Champion", "Test AUC", "Quality", "Scored clients", "Last scored");
        foreach (var t in rows)
        {
            table.Row(t.Task, t.Attribute, $"{t.Freshness.ToString().ToLowerInvariant()}: {t.FreshnessReason}", t.Champion is null ? null : $"v{t.Champion.Version} {t.Champion.Family}",
                t.Champion?.TestAuc, t.Champion?.Quality?.Tier, t.ScoredClients, t.LastScoredAt);
        }

        return table;
    });
}
