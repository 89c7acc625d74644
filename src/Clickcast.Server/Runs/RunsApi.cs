using System.Text.Json;
using Clickcast.Metadata;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Runs;

/// <summary>The run history of a tenant (every job of its pipeline): list, detail with lineage and log, retry, cancel, backfill.</summary>
public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.TenantApi("/runs", "Runs");
        runs.MapGet("", ListAsync).WithSummary("Runs, newest first; filter by task, kind, status; page with 'before' (the last id seen).");
        runs.MapGet("/{id:long}", GetAsync).WithSummary("One run with its parents, children and log.");
        runs.MapPost("/{id:long}/retry", RetryAsync).AddEndpointFilter<JobQuotaFilter>().WithSummary("Queues a dead-lettered or cancelled run again with fresh attempts.");
        runs.MapPost("/{id:long}/cancel", CancelAsync).WithSummary("Cancels a queued or running run (a running one stops at its next heartbeat).");
        app.TenantApi("/quarantine", "Runs").MapPost("/retry", RetryQuarantinedAsync)
            .WithSummary("Ingests again every file whose current version is quarantined (after fixing the mapping): one ingest run per file, returned.");
        app.TenantApi("/backfills", "Runs").MapPost("", BackfillAsync).AddEndpointFilter<JobQuotaFilter>()
            .WithSummary("Re-runs the pipeline over the raw files that arrived in a period: SkipCompleted (fill gaps), RedoFailed, or RedoAll; the normal chain follows.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<Job>>, ProblemHttpResult>> ListAsync(
        string tenant, string? task, JobKind? kind, JobStatus? status, long? before, int? limit, JobQueue queue, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.BadRequest("limit must be between 1 and 1000.");
        }

        var jobs = await queue.ListAsync(new JobQuery { Tenant = tenant, Task = task, Kind = kind, Status = status, BeforeId = before, Limit = limit ?? 100 }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(jobs);
    }

    private static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> GetAsync(string tenant, long id, JobQueue queue, MetadataDatabase database, CancellationToken cancellationToken)
    {
        if (await FindAsync(queue, tenant, id, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return NoRun(tenant, id);
        }

        var parents = new List<Job>();
        for (var parent = job.ParentId; parent is { } p && parents.Count < 20;)
        {
            if (await queue.GetAsync(p, cancellationToken).ConfigureAwait(false) is not { } up || up.Tenant != tenant)
            {
                break;
            }

            parents.Add(up);
            parent = up.ParentId;
        }

        var children = await queue.ListAsync(new JobQuery { Tenant = tenant, ParentId = id, Limit = 1000 }, cancellationToken).ConfigureAwait(false);
        var logs = await JobLogProvider.ReadAsync(database, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RunDetail(job, parents, children, logs));
    }

    private static async Task<Results<Ok<Job>, ProblemHttpResult>> RetryAsync(string tenant, long id, JobQueue queue, CancellationToken cancellationToken)
    {
        if (await FindAsync(queue, tenant, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoRun(tenant, id);
        }

        return await queue.RetryAsync(id, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Ok((await queue.GetAsync(id, cancellationToken).ConfigureAwait(false))!)
            : Problems.Conflict($"Run {id} is not dead-lettered or cancelled: only those can be retried.");
    }

    private static async Task<Results<Ok<Job>, ProblemHttpResult>> CancelAsync(string tenant, long id, HttpContext http, JobQueue queue, CancellationToken cancellationToken)
    {
        if (await FindAsync(queue, tenant, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoRun(tenant, id);
        }

        return await queue.CancelAsync(id, "cancelled through the API by " + Caller.From(http.User).Actor, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Ok((await queue.GetAsync(id, cancellationToken).ConfigureAwait(false))!)
            : Problems.Conflict($"Run {id} has already finished.");
    }

    private static async Task<Results<Accepted<Job>, ProblemHttpResult>> BackfillAsync(string tenant, BackfillRequest request, HttpContext http, JobQueue queue, CancellationToken cancellationToken)
    {
        if (request.To <= request.From)
        {
            return Problems.BadRequest("'from' must be before 'to'.");
        }

        if (request.Task is not null && TasksOf(http).All(t => t != request.Task))
        {
            return Problems.NotFound($"Tenant '{tenant}' has no task '{request.Task}'.");
        }

        var payload = JsonSerializer.Serialize(new BackfillPayload(request.From, request.To, request.Policy, request.Task), ClickcastJson.Options);
        var result = await queue.EnqueueAsync(new JobRequest(tenant, JobKind.Backfill) { Task = request.Task, Payload = payload }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/tenants/{tenant}/runs/{result.Job.Id}", result.Job);
    }

    private static async Task<Accepted<IReadOnlyList<Job>>> RetryQuarantinedAsync(string tenant, Pipeline.QuarantineRetry retry, CancellationToken cancellationToken)
    {
        var jobs = await retry.EnqueueAsync(tenant, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/tenants/{tenant}/runs?kind=Ingest", jobs);
    }

    private static IEnumerable<string> TasksOf(HttpContext http) => TenantContext.Get(http).Tasks.Select(t => t.Id);

    /// <summary>The run if it is the tenant's: another tenant's run is "not found", never "forbidden".</summary>
    private static async Task<Job?> FindAsync(JobQueue queue, string tenant, long id, CancellationToken cancellationToken) =>
        await queue.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } job && job.Tenant == tenant ? job : null;

    private static ProblemHttpResult NoRun(string tenant, long id) => Problems.NotFound($"Tenant '{tenant}' has no run {id}.");
}
