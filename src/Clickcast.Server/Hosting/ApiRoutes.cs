using Clickcast.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Hosting;

/// <summary>
/// Route groups of the API: authenticated, rate-limited and checked against the key's scope
/// (<see cref="KeyScopeFilter"/>) and audited when they change something (<see cref="Audit.AuditFilter"/>); tenant routes
/// also pass the tenant access filter.
/// </summary>
internal static class ApiRoutes
{
    /// <summary>The policy that needs an admin key.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The per-tenant rate limit of API calls (the operator's keys count apart).</summary>
    public const string ApiRateLimit = "api";

    /// <summary>The per-tenant rate limit of uploads.</summary>
    public const string UploadRateLimit = "uploads";

    /// <summary>The per-tenant rate limit of real-time scoring calls.</summary>
    public const string PredictRateLimit = "predictions";

    public static RouteGroupBuilder Api(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup("/api" + prefix).WithTags(tag).RequireAuthorization().RequireRateLimiting(ApiRateLimit)
            .AddEndpointFilter<Audit.AuditFilter>() // outermost: refusals by scope or tenant are audited too
            .AddEndpointFilter<KeyScopeFilter>();

    public static RouteGroupBuilder TenantApi(this IEndpointRouteBuilder app, string suffix, string tag) =>
        app.Api("/tenants/{tenant}" + suffix, tag).AddEndpointFilter<TenantAccessFilter>();
}
