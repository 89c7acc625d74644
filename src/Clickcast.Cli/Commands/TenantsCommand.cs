using System.CommandLine;
using Clickcast.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast tenants</c> and <c>clickcast tasks</c>: create, update and inspect tenants and their predictive tasks.</summary>
internal static class TenantsCommand
{
    private static readonly Option<FileInfo> File = new("--file", "-f") { Description = "JSON tenant definition: {\"id\", \"ingest\", \"sequences\", \"tasks\": [...]}.", Required = true };

    public static Command Create()
    {
        var tenants = new Command("tenants", "Tenants: their ingest settings and predictive tasks, versioned in the metadata database.");
        var apply = new Command("apply", "Creates or updates a tenant and its tasks from a JSON file (a new version when anything changed).") { File };
        apply.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var definition = TaskFiles.LoadTenant(parse.GetValue(File)!);
            var version = await services.GetRequiredService<TenantCatalog>().SaveAsync(definition, ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"Tenant [bold]{definition.Id}[/] is at version {version} with {definition.Tasks.Count} task(s); raw files go under tenants/{definition.Id}/raw/");
            return 0;
        }, token));
        tenants.Subcommands.Add(apply);

        var list = new Command("list", "Lists tenants.");
        list.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var all = await services.GetRequiredService<TenantCatalog>().ListAsync(ct).ConfigureAwait(false);
            Output.Write(parse.GetValue(GlobalOptions.Json), all.Select(t => new { t.Id, t.DisplayName, Tasks = t.Tasks.Select(x => x.Id).ToList() }).ToList(), rows =>
            {
                var table = Output.Table("Tenants", "Tenant", "Name", "Tasks");
                foreach (var row in rows)
                {
                    table.Row(row.Id, row.DisplayName, string.Join(", ", row.Tasks));
                }

                return table;
            });
            return 0;
        }, token));
        tenants.Subcommands.Add(list);

        var show = new Command("show", "Prints a tenant's current definition as JSON.") { GlobalOptions.Tenant };
        show.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var tenant = await services.GetRequiredService<TenantCatalog>().GetAsync(parse.GetValue(GlobalOptions.Tenant)!, ct).ConfigureAwait(false)
                ?? throw new CliException($"no tenant '{parse.GetValue(GlobalOptions.Tenant)}'");
            Output.Write(true, tenant, _ => new Spectre.Console.Table());
            return 0;
        }, token));
        tenants.Subcommands.Add(show);
        return tenants;
    }

    public static Command CreateTasks()
    {
        var tasks = new Command("tasks", "A tenant's predictive tasks (define them with 'clickcast tenants apply').");
        var list = new Command("list", "Lists a tenant's tasks.") { GlobalOptions.Tenant };
        list.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var tenant = await services.GetRequiredService<TenantCatalog>().GetAsync(parse.GetValue(GlobalOptions.Tenant)!, ct).ConfigureAwait(false)
                ?? throw new CliException($"no tenant '{parse.GetValue(GlobalOptions.Tenant)}'");
            var registry = services.GetRequiredService<Registry.ModelRegistry>();
            var rows = new List<object>();
            var table = Output.Table($"Tasks of {tenant.Id}", "Task", "Attribute", "Target", "Horizon", "Family", "Champion", "Test AUC");
            foreach (var task in tenant.Tasks)
            {
                var champion = await registry.GetChampionAsync(tenant.Id, task.Id, ct).ConfigureAwait(false);
                rows.Add(new { task.Id, task.Attribute, Target = task.Target.ToString(), task.Labeling.Horizon, Family = task.Model.Family, Champion = champion?.Version, champion?.TestAuc });
                table.Row(task.Id, task.Attribute, task.Target.ToString(), task.Labeling.Horizon, task.Model.Family, champion is null ? null : "v" + champion.Version, champion?.TestAuc);
            }

            Output.Write(parse.GetValue(GlobalOptions.Json), rows, _ => table);
            return 0;
        }, token));
        tasks.Subcommands.Add(list);
        return tasks;
    }
}
