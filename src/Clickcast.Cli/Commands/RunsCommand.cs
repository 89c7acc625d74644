using System.CommandLine;
using Clickcast.Jobs;
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

    public static Command Create()
    {
        var runs = new Command("runs", "The run history: every job of the pipeline with its status, attempts, timings, inputs, outputs and errors.");
        var list = new Command("list", "Lists runs, newest first.") { Tenant, Status, Kind, Limit };
        list.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var jobs = await services.GetRequiredService<JobQueue>().ListAsync(
                new JobQuery { Tenant = parse.GetValue(Tenant), Status = parse.GetValue(Status), Kind = parse.GetValue(Kind), Limit = parse.GetValue(Limit) }, ct).ConfigureAwait(false);
            Print(jobs, "Runs", parse.GetValue(GlobalOptions.Json));
            return 0;
        }, token));
        runs.Subcommands.Add(list);

        var show = new Command("show", "Shows one run with its inputs, outputs, error and lineage (parent runs).") { Id };
        show.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var queue = services.GetRequiredService<JobQueue>();
            var job = await queue.GetAsync(parse.GetValue(Id), ct).ConfigureAwait(false) ?? throw new CliException($"no run {parse.GetValue(Id)}");
            var lineage = new List<Job> { job };
            while (lineage[^1].ParentId is { } parent && await queue.GetAsync(parent, ct).ConfigureAwait(false) is { } up)
            {
                lineage.Add(up);
            }

            Output.Write(parse.GetValue(GlobalOptions.Json), new { Run = job, Lineage = lineage.Skip(1).Select(j => new { j.Id, j.Kind, j.Status }) }, _ =>
            {
                var table = Output.Table($"Run {job.Id}", "Field", "Value");
                table.Row("kind", job.Kind).Row("tenant / task", $"{job.Tenant} / {job.Task}").Row("status", job.Status).Row("attempts", $"{job.Attempts} of {job.Retry.MaxAttempts}")
                    .Row("created", job.CreatedAt).Row("started", job.StartedAt).Row("finished", job.FinishedAt).Row("inputs", job.Payload).Row("outputs", Shorten(job.Result, 600))
                    .Row("last error", job.LastError).Row("lineage", string.Join(" <- ", lineage.Select(j => $"{j.Kind} {j.Id}")));
                return table;
            });
            return 0;
        }, token));
        runs.Subcommands.Add(show);

        var retry = new Command("retry", "Puts a dead-lettered or cancelled run back in the queue with fresh attempts.") { Id };
        retry.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var ok = await services.GetRequiredService<JobQueue>().RetryAsync(parse.GetValue(Id), ct).ConfigureAwait(false);
            AnsiConsole.MarkupLine(ok ? "Queued again." : "[yellow]Not retried: only dead-lettered or cancelled runs can be.[/]");
            return ok ? 0 : 1;
        }, token));
        runs.Subcommands.Add(retry);

        var cancel = new Command("cancel", "Cancels a queued or running run (a running one stops at its next heartbeat).") { Id };
        cancel.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var ok = await services.GetRequiredService<JobQueue>().CancelAsync(parse.GetValue(Id), "cancelled from the command line", ct).ConfigureAwait(false);
            AnsiConsole.MarkupLine(ok ? "Cancelled." : "[yellow]Not cancelled: the run already finished.[/]");
            return ok ? 0 : 1;
        }, token));
        runs.Subcommands.Add(cancel);
        return runs;
    }

    public static void Print(IReadOnlyList<Job> jobs, string title, bool json) => Output.Write(json, jobs, rows =>
    {
        var table = Output.Table(title, "Id", "Kind", "Tenant", "Task", "Status", "Attempts", "Started", "Took", "Parent", "Error");
        foreach (var job in rows)
        {
            var took = job.StartedAt is { } s && job.FinishedAt is { } f ? Ui.Duration(f - s) : null;
            var status = job.Status switch
            {
                JobStatus.Succeeded => "succeeded",
                JobStatus.DeadLettered => "DEAD-LETTERED",
                _ => job.Status.ToString(),
            };
            table.Row(job.Id, job.Kind, job.Tenant, job.Task, status, job.Attempts, job.StartedAt, took, job.ParentId, Shorten(job.LastError, 80));
        }

        return table;
    });

    private static string? Shorten(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + "…";
}
