using System.Text.Json;
using Clickcast.Export;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tenants.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Tenants;

/// <summary>A tenant's predictive tasks: create (provisioned), read with freshness, update, delete, train and score now, pause.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.TenantApi("/tasks", "Tasks");
        tasks.MapGet("", ListAsync).WithSummary("The tenant's tasks with freshness (active, calculating, failed, paused), champion and last scoring.");
        tasks.MapPost("", CreateAsync).WithMetadata(DefinitionBodyLimit.Marker).WithSummary("Adds a task: provisions its prefixes, trigger and schedules, and issues an upload-only key (shown once; ?credentials=false skips it).");
        tasks.MapGet("/{task}", GetAsync).WithSummary("One task: definition (secrets masked), summary, provisioning.");
        tasks.MapPut("/{task}", UpdateAsync).WithMetadata(DefinitionBodyLimit.Marker).WithSummary("Replaces a task's definition; secrets sent as '********' or empty keep their stored value.");
        tasks.MapDelete("/{task}", DeleteAsync).WithSummary("Removes a task from the tenant's definition; its models, scores and runs are kept.");
        tasks.MapPost("/{task}/train", TrainAsync).AddEndpointFilter<Runs.JobQuotaFilter>().WithSummary("Queues a training job now, whatever the retraining policy says.");
        tasks.MapPost("/{task}/score", ScoreAsync).AddEndpointFilter<Runs.JobQuotaFilter>().WithSummary("Queues a scoring job now with the champion.");
        tasks.MapPost("/{task}/retraining/pause", PauseAsync).WithSummary("Pauses retraining (scoring goes on with the champion).");
        tasks.MapPost("/{task}/retraining/resume", ResumeAsync).WithSummary("Resumes retraining and clears the count of non-improving retrains.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<TaskSummary>>> ListAsync(HttpContext http, TaskSummaries summaries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await summaries.ListAsync(TenantContext.Get(http), cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Created<TaskCreated>, ProblemHttpResult>> CreateAsync(
        string tenant, TaskDefinition definition, bool? credentials, HttpContext http, TenantCatalog catalog, Provisioner provisioner, TaskSummaries summaries, ApiKeyStore keys, IOptions<ServerOptions> options, ExportNetworkPolicy network, CancellationToken cancellationToken)
    {
        var current = TenantContext.Get(http);
        if (DefinitionEdits.Precondition(http) is { } failed)
        {
            return failed;
        }

        if (DefinitionValidator.Validate(definition) is { Count: > 0 } problems)
        {
            return Problems.Invalid("task definition", problems);
        }

        if (await DefinitionValidator.ValidateNetworkAsync(definition, network, cancellationToken).ConfigureAwait(false) is { Count: > 0 } unreachable)
        {
            return Problems.Invalid("task definition", unreachable);
        }

        if (current.Tasks.Any(t => t.Id == definition.Id))
        {
            return Problems.Conflict($"Task '{definition.Id}' exists: change it with PUT /api/tenants/{tenant}/tasks/{definition.Id}.");
        }

        if (credentials != false && await keys.CountActiveAsync(tenant, cancellationToken).ConfigureAwait(false) >= options.Value.MaxKeysPerTenant)
        {
            return Problems.Conflict($"Tenant '{tenant}' has {options.Value.MaxKeysPerTenant} active keys, the most allowed (Server:MaxKeysPerTenant): revoke one, or add the task with ?credentials=false.");
        }

        current.Tasks.Add(definition);
        if (catalog.Limits.Check(current) is { Count: > 0 } overLimits)
        {
            return Problems.Invalid("task definition", overLimits);
        }

        if ((await DefinitionEdits.SaveAsync(http, current, catalog, cancellationToken).ConfigureAwait(false)).Problem is { } conflict)
        {
            return conflict;
        }

        var provisioning = await provisioner.ProvisionAsync(tenant, definition, cancellationToken).ConfigureAwait(false);
        var issued = credentials == false
            ? null
            : await keys.CreateAsync(ApiKeyScope.Upload, tenant, $"uploads of task {definition.Id}", Caller.From(http.User).Actor, cancellationToken).ConfigureAwait(false);
        var summary = await summaries.GetAsync(tenant, definition, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/tenants/{tenant}/tasks/{definition.Id}", new TaskCreated(new TaskView(DefinitionSecrets.Masked(definition), summary, provisioning), issued));
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> GetAsync(string tenant, string task, HttpContext http, Provisioner provisioner, TaskSummaries summaries, CancellationToken cancellationToken)
    {
        if (Find(http, task) is not { } definition)
        {
            return NoTask(tenant, task);
        }

        var summary = await summaries.GetAsync(tenant, definition, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new TaskView(DefinitionSecrets.Masked(definition), summary, provisioner.Describe(tenant, definition)));
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> UpdateAsync(
        string tenant, string task, TaskDefinition definition, HttpContext http, TenantCatalog catalog, Provisioner provisioner, TaskSummaries summaries, ExportNetworkPolicy network, CancellationToken cancellationToken)
    {
        var current = TenantContext.Get(http);
        var index = IndexOf(current, task);
        if (index < 0)
        {
            return NoTask(tenant, task);
        }

        if (string.IsNullOrEmpty(definition.Id))
        {
            definition.Id = task;
        }
        else if (definition.Id != task)
        {
            return Problems.BadRequest($"The body is task '{definition.Id}' but the URL names '{task}': a task cannot be renamed (create a new one).");
        }

        if (DefinitionEdits.Precondition(http) is { } failed)
        {
            return failed;
        }

        definition = DefinitionSecrets.KeepUnchanged(definition, current.Tasks[index], out var secretProblems);
        if (secretProblems.Concat(DefinitionValidator.Validate(definition)).ToList() is { Count: > 0 } problems)
        {
            return Problems.Invalid("task definition", problems);
        }

        if (await DefinitionValidator.ValidateNetworkAsync(definition, network, cancellationToken).ConfigureAwait(false) is { Count: > 0 } unreachable)
        {
            return Problems.Invalid("task definition", unreachable);
        }

        current.Tasks[index] = definition;
        if (catalog.Limits.Check(current) is { Count: > 0 } overLimits)
        {
            return Problems.Invalid("task definition", overLimits);
        }

        if ((await DefinitionEdits.SaveAsync(http, current, catalog, cancellationToken).ConfigureAwait(false)).Problem is { } conflict)
        {
            return conflict;
        }

        var provisioning = await provisioner.ProvisionAsync(tenant, definition, cancellationToken).ConfigureAwait(false);
        var summary = await summaries.GetAsync(tenant, definition, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new TaskView(DefinitionSecrets.Masked(definition), summary, provisioning));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string tenant, string task, HttpContext http, TenantCatalog catalog, CancellationToken cancellationToken)
    {
        var current = TenantContext.Get(http);
        var index = IndexOf(current, task);
        if (index < 0)
        {
            return NoTask(tenant, task);
        }

        if (DefinitionEdits.Precondition(http) is { } failed)
        {
            return failed;
        }

        current.Tasks.RemoveAt(index);
        if ((await DefinitionEdits.SaveAsync(http, current, catalog, cancellationToken).ConfigureAwait(false)).Problem is { } conflict)
        {
            return conflict;
        }

        return TypedResults.NoContent();
    }

    private static Task<Results<Accepted<Job>, ProblemHttpResult>> TrainAsync(string tenant, string task, HttpContext http, JobQueue queue, CancellationToken cancellationToken) =>
        EnqueueAsync(tenant, task, http, queue, JobKind.Train, new TrainPayload(TrainTrigger.Manual), cancellationToken);

    private static Task<Results<Accepted<Job>, ProblemHttpResult>> ScoreAsync(string tenant, string task, HttpContext http, JobQueue queue, CancellationToken cancellationToken) =>
        EnqueueAsync(tenant, task, http, queue, JobKind.Score, new ScorePayload("manual"), cancellationToken);

    private static async Task<Results<Ok<RetrainingState>, ProblemHttpResult>> PauseAsync(string tenant, string task, ReasonRequest? body, HttpContext http, ModelRegistry registry, CancellationToken cancellationToken)
    {
        if (Find(http, task) is null)
        {
            return NoTask(tenant, task);
        }

        return TypedResults.Ok(await registry.PauseRetrainingAsync(tenant, task, body?.Reason ?? "no reason given", Caller.From(http.User).Actor, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<RetrainingState>, ProblemHttpResult>> ResumeAsync(string tenant, string task, ReasonRequest? body, HttpContext http, ModelRegistry registry, CancellationToken cancellationToken)
    {
        if (Find(http, task) is null)
        {
            return NoTask(tenant, task);
        }

        return TypedResults.Ok(await registry.ResumeRetrainingAsync(tenant, task, body?.Reason ?? "no reason given", Caller.From(http.User).Actor, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Accepted<Job>, ProblemHttpResult>> EnqueueAsync<T>(string tenant, string task, HttpContext http, JobQueue queue, JobKind kind, T payload, CancellationToken cancellationToken)
    {
        if (Find(http, task) is null)
        {
            return NoTask(tenant, task);
        }

        var result = await queue.EnqueueAsync(new JobRequest(tenant, kind) { Task = task, Payload = JsonSerializer.Serialize(payload, ClickcastJson.Options) }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/tenants/{tenant}/runs/{result.Job.Id}", result.Job);
    }

    internal static TaskDefinition? Find(HttpContext http, string task) => TenantContext.Get(http).Tasks.FirstOrDefault(t => t.Id == task);

    internal static ProblemHttpResult NoTask(string tenant, string task) => Problems.NotFound($"Tenant '{tenant}' has no task '{task}'.");

    private static int IndexOf(TenantDefinition tenant, string task)
    {
        for (var i = 0; i < tenant.Tasks.Count; i++)
        {
            if (tenant.Tasks[i].Id == task)
            {
                return i;
            }
        }

        return -1;
    }
}
