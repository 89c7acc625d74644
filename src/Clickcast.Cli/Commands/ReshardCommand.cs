using System.CommandLine;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast reshard</c>: the only way to change a tenant's shard count.</summary>
internal static class ReshardCommand
{
    private static readonly Option<int> Shards = new("--shards") { Description = "The new shard count: a power of two from 1 to 1024 (about one shard per 20M events).", Required = true };

    public static Command Create()
    {
        var command = new Command("reshard", """
            Queues a re-shard of the tenant: a job rewrites every events file into the new client-hash shard count,
            then changes the tenant's "shards", deletes the old files and rebuilds the sequences in full. A worker
            (clickcast worker, or serve) runs it; it is refused while another re-shard of the tenant is queued or running.
            A definition update cannot change "shards": this is how it changes.
            """)
        {
            GlobalOptions.Tenant,
            Shards,
        };
        command.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var id = parse.GetValue(GlobalOptions.Tenant)!;
                var catalog = services.GetRequiredService<TenantCatalog>();
                var tenant = await catalog.GetAsync(id, ct).ConfigureAwait(false) ?? throw new CliException($"no tenant '{id}'");
                var (job, problem, _) = await ReshardRequest.EnqueueAsync(services.GetRequiredService<JobQueue>(), tenant, parse.GetValue(Shards), catalog.Limits, ct).ConfigureAwait(false);
                return Say(job ?? throw new CliException(problem!));
            },
            async (api, ct) => Say(await api.SendAsync<Job>(HttpMethod.Post, $"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/reshard", new { shards = parse.GetValue(Shards) }, ct).ConfigureAwait(false)),
            token));
        return command;
    }

    private static int Say(Job job)
    {
        AnsiConsole.MarkupLineInterpolated($"Re-shard of [bold]{job.Tenant}[/] queued as run {job.Id} ({job.Payload}).");
        return 0;
    }
}
