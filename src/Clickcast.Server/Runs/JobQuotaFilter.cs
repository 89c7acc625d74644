using Clickcast.Pipeline.Jobs;
using Clickcast.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Runs;

/// <summary>
/// Guards the endpoints that queue work on demand (train, score, backfill, retry): a tenant with
/// <see cref="TenantLimits.MaxJobsInFlightPerTenant"/> jobs queued or running gets a 429 until some finish.
/// </summary>
internal sealed class JobQuotaFilter(JobQueue queue, IOptions<TenantLimits> limits) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var tenant = http.Request.RouteValues["tenant"] as string ?? string.Empty;
        var max = limits.Value.MaxJobsInFlightPerTenant;
        var inFlight = 0;
        foreach (var status in new[] { JobStatus.Queued, JobStatus.Running })
        {
            inFlight += (await queue.ListAsync(new JobQuery { Tenant = tenant, Status = status, Limit = max + 1 }, http.RequestAborted).ConfigureAwait(false)).Count;
        }

        if (inFlight >= max)
        {
            return TypedResults.Problem(
                $"Tenant '{tenant}' has {inFlight} jobs queued or running, the most allowed (Limits:MaxJobsInFlightPerTenant = {max}): wait for some to finish.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many jobs in flight");
        }

        return await next(context).ConfigureAwait(false);
    }
}
