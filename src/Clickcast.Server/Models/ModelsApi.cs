using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Server.Tenants;
using Clickcast.Storage;
using Clickcast.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Models;

/// <summary>A task's model registry: versions, metrics with ROC/PR/gains curves, explanations, history; promote and roll back.</summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var models = app.TenantApi("/tasks/{task}/models", "Models");
        models.MapGet("", ListAsync).WithSummary("Every version, newest first: status, family, test AUC, the champion's AUC on the same test clients, decision.");
        models.MapGet("/history", HistoryAsync).WithSummary("What happened to the task's models: registered, promoted, rejected, rolled back, paused.");
        models.MapGet("/{version:int}", GetAsync).WithSummary("One version with its manifest.");
        models.MapGet("/{version:int}/metrics", MetricsAsync).WithSummary("Test and validation metrics of a version (metrics.json): AUC with interval, lift, calibration, ROC, PR and gains curves, every candidate family.");
        models.MapGet("/{version:int}/comparison", ComparisonAsync).Allow(AllowedScopes.Reading).WithSummary("A version's test metrics beside the champion of the time's on the same test clients (AUC intervals, paired DeLong difference, ROC, PR, gains, lift, calibration), when it was judged as a challenger.");
        models.MapGet("/{version:int}/explanation", ExplanationAsync).WithSummary("The URL tokens that most raise and lower the version's scores.");
        models.MapPost("/{version:int}/promote", PromoteAsync).WithSummary("Makes a trained version the champion; the next scoring rescores everyone.");
        models.MapPost("/rollback", RollbackAsync).WithSummary("Puts the previous champion back.");
        return app;
    }

    private static async Task<Results<Ok<ModelList>, ProblemHttpResult>> ListAsync(string tenant, string task, HttpContext http, ModelRegistry registry, CancellationToken cancellationToken)
    {
        if (TasksApi.Find(http, task) is null)
        {
            return TasksApi.NoTask(tenant, task);
        }

        var versions = await registry.ListAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        var retraining = await registry.GetRetrainingAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ModelList(versions, versions.FirstOrDefault(v => v.Status == ModelStatus.Champion)?.Version, retraining));
    }

    private static async Task<Results<Ok<IReadOnlyList<ModelHistoryEntry>>, ProblemHttpResult>> HistoryAsync(string tenant, string task, HttpContext http, ModelRegistry registry, CancellationToken cancellationToken)
    {
        if (TasksApi.Find(http, task) is null)
        {
            return TasksApi.NoTask(tenant, task);
        }

        return TypedResults.Ok(await registry.HistoryAsync(tenant, task, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<ModelDetail>, ProblemHttpResult>> GetAsync(string tenant, string task, int version, HttpContext http, ModelRegistry registry, IObjectStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(http, registry, tenant, task, version, cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return NoModel(tenant, task, version);
        }

        var manifest = await store.TryReadJsonAsync<ModelManifest>(model.FolderKey + ModelFiles.Manifest, ClickcastJson.Options, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ModelDetail(model, manifest));
    }

    private static Task<Results<Ok<ModelEvaluation>, ProblemHttpResult>> MetricsAsync(string tenant, string task, int version, HttpContext http, ModelRegistry registry, IObjectStore store, CancellationToken cancellationToken) =>
        ReadFileAsync<ModelEvaluation>(tenant, task, version, ModelFiles.Metrics, http, registry, store, cancellationToken);

    private static async Task<Results<Ok<VersionComparison>, ProblemHttpResult>> ComparisonAsync(string tenant, string task, int version, HttpContext http, ModelRegistry registry, IObjectStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(http, registry, tenant, task, version, cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return NoModel(tenant, task, version);
        }

        if (await store.TryReadJsonAsync<ModelEvaluation>(model.FolderKey + ModelFiles.Metrics, ClickcastJson.Options, cancellationToken).ConfigureAwait(false) is not { } metrics)
        {
            return Problems.NotFound($"Model v{version} of {tenant}/{task} has no {ModelFiles.Metrics} (not trained yet).");
        }

        var comparison = await store.TryReadJsonAsync<ModelComparison>(model.FolderKey + ModelFiles.Comparison, ClickcastJson.Options, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new VersionComparison(version, metrics.Test, comparison?.ChampionVersion, comparison?.Champion, comparison?.Difference));
    }

    private static Task<Results<Ok<ModelExplanation>, ProblemHttpResult>> ExplanationAsync(string tenant, string task, int version, HttpContext http, ModelRegistry registry, IObjectStore store, CancellationToken cancellationToken) =>
        ReadFileAsync<ModelExplanation>(tenant, task, version, ModelFiles.Explanation, http, registry, store, cancellationToken);

    private static async Task<Results<Ok<ModelVersion>, ProblemHttpResult>> PromoteAsync(string tenant, string task, int version, ReasonRequest? body, HttpContext http, ModelRegistry registry, WarmChampions warm, CancellationToken cancellationToken)
    {
        if (await FindAsync(http, registry, tenant, task, version, cancellationToken).ConfigureAwait(false) is not { TestAuc: not null })
        {
            return Problems.NotFound($"{tenant}/{task} has no trained model v{version}.");
        }

        await registry.PromoteAsync(tenant, task, version, Caller.From(http.User).Actor, body?.Reason ?? "no reason given", cancellationToken).ConfigureAwait(false);
        warm.Invalidate(tenant, task);
        return TypedResults.Ok((await registry.GetAsync(tenant, task, version, cancellationToken).ConfigureAwait(false))!);
    }

    private static async Task<Results<Ok<ModelVersion>, ProblemHttpResult>> RollbackAsync(string tenant, string task, ReasonRequest? body, HttpContext http, ModelRegistry registry, WarmChampions warm, CancellationToken cancellationToken)
    {
        if (TasksApi.Find(http, task) is null)
        {
            return TasksApi.NoTask(tenant, task);
        }

        // InvalidOperationException (no earlier champion) becomes a 409 with the registry's message.
        var restored = await registry.RollbackAsync(tenant, task, Caller.From(http.User).Actor, body?.Reason ?? "no reason given", cancellationToken).ConfigureAwait(false);
        warm.Invalidate(tenant, task);
        return TypedResults.Ok((await registry.GetAsync(tenant, task, restored, cancellationToken).ConfigureAwait(false))!);
    }

    private static async Task<Results<Ok<T>, ProblemHttpResult>> ReadFileAsync<T>(string tenant, string task, int version, string file, HttpContext http, ModelRegistry registry, IObjectStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(http, registry, tenant, task, version, cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return NoModel(tenant, task, version);
        }

        var value = await store.TryReadJsonAsync<T>(model.FolderKey + file, ClickcastJson.Options, cancellationToken).ConfigureAwait(false);
        return value is null ? Problems.NotFound($"Model v{version} of {tenant}/{task} has no {file} (not trained yet).") : TypedResults.Ok(value);
    }

    private static async Task<ModelVersion?> FindAsync(HttpContext http, ModelRegistry registry, string tenant, string task, int version, CancellationToken cancellationToken) =>
        TasksApi.Find(http, task) is null ? null : await registry.GetAsync(tenant, task, version, cancellationToken).ConfigureAwait(false);

    private static ProblemHttpResult NoModel(string tenant, string task, int version) => Problems.NotFound($"{tenant}/{task} has no model v{version}.");
}
