using System.Diagnostics;
using Clickcast.Diagnostics;
using Clickcast.Server.Hosting;
using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.AspNetCore.Http;

namespace Clickcast.Server.Security;

/// <summary>
/// Guards every <c>/api/tenants/{tenant}/…</c> endpoint: a tenant key reaches only its own tenant (403 otherwise,
/// whether the other tenant exists or not, so nothing leaks); an unknown tenant is 404. The definition it loaded is
/// handed to the endpoint through <see cref="TenantContext"/>. Endpoints marked <see cref="RecentDefinition"/> (read-only
/// hot paths: real-time scoring) get it from memory when read less than <see cref="TenantCatalog.RecentFor"/> ago.
/// </summary>
internal sealed class TenantAccessFilter(TenantCatalog catalog) : IEndpointFilter
{
    /// <summary>Endpoint metadata: the endpoint only reads the definition and may have one a few seconds old.</summary>
    public static readonly object RecentDefinition = new RecentDefinitionMarker();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var tenant = http.Request.RouteValues["tenant"] as string ?? string.Empty;
        var caller = Caller.From(http.User);
        if (!caller.CanAccess(tenant))
        {
            return Problems.Forbidden($"This key belongs to tenant '{caller.Tenant}': it cannot reach other tenants.");
        }

        var started = Stopwatch.GetTimestamp();
        var recent = http.GetEndpoint()?.Metadata.GetMetadata<RecentDefinitionMarker>() is not null;
        var found = !TenantLayout.IsValidTenant(tenant) ? null
            : recent ? await catalog.GetRecentAsync(tenant, http.RequestAborted).ConfigureAwait(false)
            : await catalog.GetVersionedAsync(tenant, http.RequestAborted).ConfigureAwait(false);
        ClickcastMetrics.ApiStage(ApiStage.Tenant, started);
        if (found is not { } current)
        {
            return Problems.NotFound($"There is no tenant '{tenant}'.");
        }

        TenantContext.Set(http, current.Definition, current.Version);
        return await next(context).ConfigureAwait(false);
    }

    private sealed class RecentDefinitionMarker;
}
