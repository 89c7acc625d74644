using Clickcast.Scoring;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Server.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Predictions;

/// <summary>A task's current scores: distribution, buckets, expected vs actual, and one client's score with its reasons.</summary>
public static class PredictionsApi
{
    public static IEndpointRouteBuilder MapPredictionsApi(this IEndpointRouteBuilder app)
    {
        var predictions = app.TenantApi("/tasks/{task}/predictions", "Predictions");
        predictions.MapGet("", SummaryAsync).WithSummary("The current scores: histogram of probabilities, bucket sizes, scoring runs, and the latest expected-vs-actual report.");
        predictions.MapGet("/monitoring", MonitoringAsync).Allow(AllowedScopes.Reading).WithSummary("Expected vs actual conversion of every scoring run whose outcome window has closed, oldest first: the newest `limit` (1–200, default 200).");
        predictions.MapGet("/clients/{client}", ClientAsync).WithSummary("One client's current score and the URL tokens of its chain that move it most.");
        return app;
    }

    private static async Task<Results<Ok<PredictionSummary>, ProblemHttpResult>> SummaryAsync(string tenant, string task, HttpContext http, PredictionInsights insights, CancellationToken cancellationToken)
    {
        if (TasksApi.Find(http, task) is null)
        {
            return TasksApi.NoTask(tenant, task);
        }

        var summary = await insights.SummarizeAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        return summary is null ? Problems.NotFound($"{tenant}/{task} has no scores yet: they appear after its first model is trained and promoted.") : TypedResults.Ok(summary);
    }

    private static async Task<Results<Ok<IReadOnlyList<MonitoringPoint>>, ProblemHttpResult>> MonitoringAsync(string tenant, string task, int? limit, HttpContext http, PredictionInsights insights, CancellationToken cancellationToken)
    {
        if (TasksApi.Find(http, task) is null)
        {
            return TasksApi.NoTask(tenant, task);
        }

        if (limit is < 1 or > PredictionInsights.MaxMonitoringReports)
        {
            return Problems.BadRequest($"limit must be between 1 and {PredictionInsights.MaxMonitoringReports}.");
        }

        return TypedResults.Ok(await insights.MonitoringHistoryAsync(tenant, task, limit ?? PredictionInsights.MaxMonitoringReports, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<ClientScore>, ProblemHttpResult>> ClientAsync(string tenant, string task, string client, int? top, HttpContext http, PredictionInsights insights, CancellationToken cancellationToken)
    {
        if (TasksApi.Find(http, task) is not { } definition)
        {
            return TasksApi.NoTask(tenant, task);
        }

        var score = await insights.LookupAsync(definition.ScoringRequest(tenant), client, Math.Clamp(top ?? 10, 1, 50), cancellationToken).ConfigureAwait(false);
        return score is null ? Problems.NotFound($"{tenant}/{task} has no score for client '{client}'.") : TypedResults.Ok(score);
    }
}
