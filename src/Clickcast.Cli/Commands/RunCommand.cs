using System.CommandLine;
using System.Diagnostics;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast run</c> and <c>clickcast worker</c>: the pipeline, once or until stopped.</summary>
internal static class RunCommand
{
    public static Command CreateRun()
    {
        var command = new Command("run", """
            Runs every due step once: senses new raw files of every tenant and due cron schedules, then runs the job
            queue (ingest -> sequences -> train -> score -> export, each step enqueuing the next) until nothing is
            left, and prints what ran.
            """);
        command.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            var queue = services.GetRequiredService<JobQueue>();
            // Whole milliseconds: the queue stores times at that precision.
            var since = DateTimeOffset.FromUnixTimeMilliseconds(services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds());
            var started = Stopwatch.GetTimestamp();
            var attempts = await services.GetRequiredService<PipelineRunner>().RunOnceAsync(ct).ConfigureAwait(false);

            // The jobs this run worked on (including ones queued before it, and retried ones), counted as the table shows them.
            var jobs = (await queue.ListAsync(new JobQuery { Limit = 1000 }, ct).ConfigureAwait(false))
                .Where(j => j.StartedAt >= since).OrderBy(j => j.Id).ToList();
            var title = attempts == jobs.Count
                ? $"Ran {jobs.Count} job(s) in {Ui.Duration(Stopwatch.GetElapsedTime(started))}"
                : $"Ran {jobs.Count} job(s) ({attempts} attempts) in {Ui.Duration(Stopwatch.GetElapsedTime(started))}";
            RunsCommand.Print(jobs, title, parse.GetValue(GlobalOptions.Json));
            return jobs.Any(j => j.Status == JobStatus.DeadLettered) ? 1 : 0;
        }, token));
        return command;
    }

    public static Command CreateWorker()
    {
        var command = new Command("worker", """
            Runs the pipeline until stopped (Ctrl+C): polls every tenant's raw prefix for new files, checks cron
            schedules, and works the job queue with retries, leases and heartbeats. Several workers (processes or
            machines sharing PostgreSQL and S3) can run at once. Settings are serve's: clickcast.json (or --settings
            FILE), then CLICKCAST_ environment variables, then --data if given; the same ones reach the same database.
            """);
        command.SetAction((parse, token) => CliAction.RunAsync(parse, async (services, ct) =>
        {
            AnsiConsole.MarkupLine("Worker running; Ctrl+C stops it (a running job's lease is released or expires and another worker takes it).");
            try
            {
                await services.GetRequiredService<PipelineRunner>().RunAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping is the normal way out.
            }

            return 0;
        }, token));
        return command;
    }
}
