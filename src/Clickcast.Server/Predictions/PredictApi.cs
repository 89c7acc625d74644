using System.Globalization;
using Clickcast.Scoring;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Server.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Predictions;

/// <summary>Real-time scoring: one client (or a few) scored now by the task's champion held warm in memory.</summary>
public static class PredictApi
{
    /// <summary>Largest request body the predict endpoints read.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapPredictApi(this IEndpointRouteBuilder app)
    {
        var predict = app.TenantApi("/tasks/{task}/predict", "Predictions").WithMetadata(Audit.AuditFilter.NotAudited) // scoring changes nothing
            .WithMetadata(TenantAccessFilter.RecentDefinition); // and reads no database per request
        predict.MapPost("", PredictAsync).Allow(AllowedScopes.Reading).RequireRateLimiting(ApiRoutes.PredictRateLimit).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Scores one client now: its stored chain and/or its latest raw events, by the champion held in memory. Returns probability, percentile, bucket, model version and top factors.");
        predict.MapPost("/batch", PredictBatchAsync).Allow(AllowedScopes.Reading).RequireRateLimiting(ApiRoutes.PredictRateLimit).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Scores up to 100 clients now in one model call; one result per client, in request order.");
        return app;
    }

    private static async Task<Results<Ok<LivePrediction>, ProblemHttpResult>> PredictAsync(string tenant, string task, PredictRequest request, HttpContext http, LiveScorer scorer, CancellationToken cancellationToken)
    {
        var result = await ScoreAsync(tenant, task, [request], request?.Top ?? 5, http, scorer, cancellationToken).ConfigureAwait(false);
        return result.Result is Ok<IReadOnlyList<LivePrediction>> ok ? TypedResults.Ok(ok.Value![0]) : (ProblemHttpResult)result.Result;
    }

    private static Task<Results<Ok<IReadOnlyList<LivePrediction>>, ProblemHttpResult>> PredictBatchAsync(string tenant, string task, PredictBatchRequest request, HttpContext http, LiveScorer scorer, CancellationToken cancellationToken) =>
        ScoreAsync(tenant, task, request?.Clients, request?.Top ?? 0, http, scorer, cancellationToken);

    private static async Task<Results<Ok<IReadOnlyList<LivePrediction>>, ProblemHttpResult>> ScoreAsync(
        string tenant, string task, IReadOnlyList<PredictRequest?>? requests, int top, HttpContext http, LiveScorer scorer, CancellationToken cancellationToken)
    {
        if (TasksApi.Find(http, task) is not { } definition)
        {
            return TasksApi.NoTask(tenant, task);
        }

        if (Validate(requests, top) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var clients = requests!.Select(r => new LiveClient(r!.ClientId, r.Events?.Select(e => new LiveEvent(e.Time, e.Url, e.Type)).ToList() ?? [])).ToList();
        var result = await scorer.ScoreAsync(definition.ScoringRequest(tenant), TenantContext.Get(http).Ingest, TenantContext.Version(http), clients, top, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            LiveScoringOutcome.Scored => TypedResults.Ok(result.Predictions),
            LiveScoringOutcome.NoChampion => Problems.Conflict(result.Detail!),
            _ => Problems.NotFound(result.Detail!),
        };
    }

    /// <summary>The first problem of a request, or null: counts, sizes and ids a tenant controls are checked before any work.</summary>
    internal static string? Validate(IReadOnlyList<PredictRequest?>? requests, int top)
    {
        if (requests is null || requests.Count == 0)
        {
            return "Send at least one client.";
        }

        if (requests.Count > LiveScorer.MaxClientsPerRequest)
        {
            return string.Create(CultureInfo.InvariantCulture, $"At most {LiveScorer.MaxClientsPerRequest} clients per request; got {requests.Count}.");
        }

        if (top is < 0 or > LiveScorer.MaxTopFactors)
        {
            return string.Create(CultureInfo.InvariantCulture, $"top must be between 0 and {LiveScorer.MaxTopFactors}; got {top}.");
        }

        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var which = requests.Count == 1 ? "The client" : string.Create(CultureInfo.InvariantCulture, $"Client {i}");
            if (r is null || (string.IsNullOrEmpty(r.ClientId) && (r.Events is null || r.Events.Count == 0)))
            {
                return $"{which} needs a clientId, events, or both.";
            }

            if (r.ClientId is { Length: > 256 })
            {
                return $"{which}: clientId is longer than 256 characters.";
            }

            if (r.Events is { Count: > LiveScorer.MaxEventsPerClient })
            {
                return string.Create(CultureInfo.InvariantCulture, $"{which}: at most {LiveScorer.MaxEventsPerClient} events; got {r.Events.Count}.");
            }

            if (r.Events?.Any(e => e is null) == true)
            {
                return $"{which}: an event is null.";
            }
        }

        return null;
    }
}
