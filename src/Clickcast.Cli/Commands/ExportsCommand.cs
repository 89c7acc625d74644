using System.CommandLine;
using Clickcast.Export;
using Clickcast.Server.Exports;
using Clickcast.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast exports</c>: where a task's scores go and how each delivery stands.</summary>
internal static class ExportsCommand
{
    public static Command Create()
    {
        var exports = new Command("exports", "A task's export destinations and deliveries (from the delivery ledger).");
        var list = new Command("list", "Lists deliveries: batches delivered, failed or in flight, rows, attempts, last error.") { GlobalOptions.Tenant, GlobalOptions.TaskId };
        list.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var (tenant, task) = (parse.GetValue(GlobalOptions.Tenant)!, parse.GetValue(GlobalOptions.TaskId)!);
                var definition = await services.GetRequiredService<TenantCatalog>().GetTaskAsync(tenant, task, ct).ConfigureAwait(false) ?? throw new CliException($"no task '{task}' in '{tenant}'");
                var deliveries = await services.GetRequiredService<DeliveryHistory>().ListAsync(tenant, task, ct).ConfigureAwait(false);
                Print(parse, new ExportsView(definition.Exports.Select(d => new DestinationView(d.Name, d.Kind, d.Attribute, d.Kind.ToString())).ToList(), deliveries));
                return 0;
            },
            async (api, ct) =>
            {
                Print(parse, await api.GetAsync<ExportsView>($"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/tasks/{parse.GetValue(GlobalOptions.TaskId)}/exports", ct).ConfigureAwait(false));
                return 0;
            },
            token));
        exports.Subcommands.Add(list);
        return exports;
    }

    private static void Print(ParseResult parse, ExportsView view) => Output.Write(parse.GetValue(GlobalOptions.Json), view, v =>
    {
        var table = Output.Table("Deliveries", "Destination", "Predictions file", "State", "Batches", "Delivered", "Failed", "Rows", "Attempts", "Last attempt", "Last error");
        foreach (var d in v.Deliveries)
        {
            table.Row(d.Destination, d.PredictionsFileId, d.Status, d.Batches, d.Delivered, d.Failed, d.Rows, d.Attempts, d.LastAttemptAt, d.LastError);
        }

        return table;
    });
}
