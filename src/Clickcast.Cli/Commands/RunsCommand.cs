using System.CommandLine;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Server.Runs;
using Clickcast.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast runs</c>: the run history (every job with status, attempts, timings, inputs, outputs), retry and cancel.</summary>
internal static class RunsCommand
{
    private static readonly Option<string?> Tenant = new("--tenant", "-t") { Description = "Only this tenant." };
    private static readonly Option<JobStatus?> Status = new("--status") { Description = "Only this status (Queued, Running, Succeeded, DeadLettered, Cancelled)." };
    private static readonly Option<JobKind?> Kind = new("--kind") { Description = "Only this kind (Ingest, Sequences, Train, Score, Export)." };
    private static readonly Option<int> Limit = new("--limit") { Description = "Most runs to list.", DefaultValueFactory = _ => 50 };
    private static readonly Argument<long> Id = new("id") { Description = "The run (job) id." };
    private static readonly Option<string?> TaskFilter = new("--task") { Description = "Only this task." };
    private static readonly Option<DateTimeOffset> From = new("--from") { Description = "Start of the period (files that arrived at or after it), e.g. 2026-11-01T00:00Z.", Required = true };
    private static readonly Option<DateTimeOffset> To = new("--to") { Description = "End of the period (exclusive).", Required = true };
    private static readonly Option<BackfillPolicy> Policy = new("--policy") { Description = "SkipCompleted (fill gaps), RedoFailed, or RedoAll.", DefaultValueFactory = _ => BackfillPolicy.SkipCompleted };

    public static Command Create()
    {
        var runs = new Command("runs", "The run history: every job of the pipeline with its status, attempts, timings, inputs, outputs and errors.");
        var list = new Command("list", "Lists runs, newest first.") { Tenant, TaskFilter, Status, Kind, Limit };
        list.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var jobs = await services.GetRequiredService<JobQueue>().ListAsync(
                    new JobQuery { Tenant = parse.GetValue(Tenant), Task = parse.GetValue(TaskFilter), Status = parse.GetValue(Status), Kind = parse.GetValue(Kind), Limit = parse.GetValue(Limit) }, ct).ConfigureAwait(false);
                Print(jobs, "Runs", parse.GetValue(GlobalOptions.Json));
                return 0;
            },
            async (api, ct) =>
            {
                var query = $"?limit={parse.GetValue(Limit)}" + (parse.GetValue(TaskFilter) is { } t ? "&task=" + Uri.EscapeDataString(t) : string.Empty)
                    + (parse.GetValue(Status) is { } st ? "&status=" + st : string.Empty) + (parse.GetValue(Kind) is { } k ? "&kind=" + k : string.Empty);
                Print(await api.GetAsync<List<Job>>($"api/tenants/{RemoteTenant(parse)}/runs{query}", ct).ConfigureAwait(false), "Runs", parse.GetValue(GlobalOptions.Json));
                return 0;
            },
            token));
        runs.Subcommands.Add(list);

        var show = new Command("show", "Shows one run with its inputs, outputs, error and lineage (parent runs).") { Id, Tenant };
        show.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var queue = services.GetRequiredService<JobQueue>();
                var job = await LocalRunAsync(queue, parse, ct).ConfigureAwait(false);
                var parents = new List<Job>();
                for (var parent = job.ParentId; parent is { } p && await queue.GetAsync(p, ct).ConfigureAwait(false) is { } up; parent = up.ParentId)
                {
                    parents.Add(up);
                }

                var children = await queue.ListAsync(new JobQuery { ParentId = job.Id, Limit = 1000 }, ct).ConfigureAwait(false);
                var logs = await JobLogProvider.ReadAsync(services.GetRequiredService<Metadata.MetadataDatabase>(), job.Id, cancellationToken: ct).ConfigureAwait(false);
                PrintDetail(new RunDetail(job, parents, children, logs), parse.GetValue(GlobalOptions.Json));
                return 0;
            },
            async (api, ct) =>
            {
                PrintDetail(await api.GetAsync<RunDetail>($"api/tenants/{RemoteTenant(parse)}/runs/{parse.GetValue(Id)}", ct).ConfigureAwait(false), parse.GetValue(GlobalOptions.Json));
                return 0;
            },
            token));
        runs.Subcommands.Add(show);

        var retry = new Command("retry", "Puts a dead-lettered or cancelled run back in the queue with fresh attempts (against a server: --tenant is required).") { Id, Tenant };
        retry.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var queue = services.GetRequiredService<JobQueue>();
                var ok = await queue.RetryAsync((await LocalRunAsync(queue, parse, ct).ConfigureAwait(false)).Id, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine(ok ? "Queued again." : "[yellow]Not retried: only dead-lettered or cancelled runs can be.[/]");
                return ok ? 0 : 1;
            },
            async (api, ct) =>
            {
                await api.SendAsync<Job>(HttpMethod.Post, $"api/tenants/{RemoteTenant(parse)}/runs/{parse.GetValue(Id)}/retry", new { }, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine("Queued again.");
                return 0;
            },
            token));
        runs.Subcommands.Add(retry);

        var cancel = new Command("cancel", "Cancels a queued or running run; a running one stops at its next heartbeat (against a server: --tenant is required).") { Id, Tenant };
        cancel.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var queue = services.GetRequiredService<JobQueue>();
                var ok = await queue.CancelAsync((await LocalRunAsync(queue, parse, ct).ConfigureAwait(false)).Id, "cancelled from the command line", ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine(ok ? "Cancelled." : "[yellow]Not cancelled: the run already finished.[/]");
                return ok ? 0 : 1;
            },
            async (api, ct) =>
            {
                await api.SendAsync<Job>(HttpMethod.Post, $"api/tenants/{RemoteTenant(parse)}/runs/{parse.GetValue(Id)}/cancel", new { }, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLine("Cancelled.");
                return 0;
            },
            token));
        runs.Subcommands.Add(cancel);

        var backfill = new Command("backfill", "Re-runs a tenant's pipeline over the raw files that arrived in a period, then the normal chain (sequences, train, score, export).") { Tenant, From, To, Policy, TaskFilter };
        backfill.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var tenant = parse.GetValue(Tenant) ?? throw new CliException("backfill needs --tenant");
                var payload = new BackfillPayload(parse.GetValue(From), parse.GetValue(To), parse.GetValue(Policy), parse.GetValue(TaskFilter));
                if (payload.To <= payload.From)
                {
                    throw new CliException("--from must be before --to");
                }

                var job = await services.GetRequiredService<JobQueue>().EnqueueAsync(new JobRequest(tenant, JobKind.Backfill) { Task = payload.Task, Payload = System.Text.Json.JsonSerializer.Serialize(payload, Storage.ClickcastJson.Options) }, ct).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"Queued backfill run {job.Job.Id}; 'clickcast run' or a worker runs it.");
                return 0;
            },
            async (api, ct) =>
            {
                var job = await api.SendAsync<Job>(HttpMethod.Post, $"api/tenants/{RemoteTenant(parse)}/backfills", new BackfillRequest(parse.GetValue(From), parse.GetValue(To), parse.GetValue(Policy), parse.GetValue(TaskFilter)), ct).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"Queued backfill run {job.Id} on the server.");
                return 0;
            },
            token));
        runs.Subcommands.Add(backfill);
        return runs;
    }

    public static void Print(IReadOnlyList<Job> jobs, string title, bool json) => Output.Write(json, jobs, rows =>
    {
        var table = Output.Table(title, "Id", "Kind", "Tenant", "Task", "Status", "Outcome", "Attempts", "Started", "Took", "Parent", "Why");
        foreach (var job in rows)
        {
            var took = job.StartedAt is { } s && job.FinishedAt is { } f ? Ui.Duration(f - s) : null;
            var status = job.Status switch
            {
                JobStatus.Succeeded => "succeeded",
                JobStatus.DeadLettered => "DEAD-LETTERED",
                _ => job.Status.ToString(),
            };
            // The outcome says what a finished run achieved: "succeeded" alone hid quarantined files and refused trainings.
            table.Row(job.Id, job.Kind, job.Tenant, job.Task, status, job.Outcome, job.Attempts, job.StartedAt, took, job.ParentId, Shorten(job.OutcomeReason ?? job.LastError, 120));
        }

        return table;
    });

    /// <summary>The run named on the command line; with --tenant, only if it is that tenant's (as on a server).</summary>
    private static async Task<Job> LocalRunAsync(JobQueue queue, ParseResult parse, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(Id);
        var tenant = parse.GetValue(Tenant);
        var job = await queue.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return job is not null && (tenant is null || job.Tenant == tenant)
            ? job
            : throw new CliException(tenant is null ? $"no run {id}" : $"no run {id} of tenant '{tenant}'");
    }

    private static string RemoteTenant(ParseResult parse) => parse.GetValue(Tenant) ?? throw new CliException("against a server, runs are per tenant: pass --tenant");

    private static void PrintDetail(RunDetail detail, bool json) => Output.Write(json, detail, d =>
    {
        var job = d.Run;
        var table = Output.Table($"Run {job.Id}", "Field", "Value");
        table.Row("kind", job.Kind).Row("tenant / task", $"{job.Tenant} / {job.Task}").Row("status", job.Status).Row("outcome", job.Outcome is { } outcome ? $"{outcome}: {job.OutcomeReason}" : null).Row("attempts", $"{job.Attempts} of {job.Retry.MaxAttempts}")
            .Row("created", job.CreatedAt).Row("started", job.StartedAt).Row("finished", job.FinishedAt).Row("inputs", job.Payload).Row("outputs", Shorten(job.Result, 600))
            .Row("last error", job.LastError)
            .Row("lineage", string.Join(" <- ", new[] { job }.Concat(d.Parents).Select(j => $"{j.Kind} {j.Id}")))
            .Row("led to", string.Join(", ", d.Children.Select(j => $"{j.Kind} {j.Id} ({j.Status})")));
        foreach (var line in d.Logs)
        {
            table.Row(line.At, $"{line.Level} {line.Category}: {line.Message}");
        }

        return table;
    });

    private static string? Shorten(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + "…";
}
