using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Tenants;

/// <summary><c>POST /api/tenants/{tenant}/reshard</c>: the only way to change a tenant's shard count (admin keys only).</summary>
public static class ReshardApi
{
    public static IEndpointRouteBuilder MapReshardApi(this IEndpointRouteBuilder app)
    {
        app.TenantApi("/reshard", "Tenants").MapPost("", ReshardAsync).RequireAuthorization(ApiRoutes.AdminPolicy)
            .WithSummary("Queues a re-shard: every events file is rewritten into the new shard count, then the tenant's count changes and sequences rebuild (409 while one is under way).");
        return app;
    }

    private static async Task<Results<Accepted<Job>, ProblemHttpResult>> ReshardAsync(string tenant, ReshardBody body, HttpContext http, JobQueue queue, TenantCatalog catalog, CancellationToken cancellationToken)
    {
        var (job, problem, conflict) = await ReshardRequest.EnqueueAsync(queue, TenantContext.Get(http), body.Shards, catalog.Limits, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return conflict ? Problems.Conflict(problem!) : Problems.BadRequest(problem!);
        }

        return TypedResults.Accepted($"/api/tenants/{tenant}/runs/{job.Id}", job);
    }
}
