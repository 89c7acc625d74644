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
/// handed to the endpoint through <see cref="TenantContext"/>.
/// </summary>
internal sealed class TenantAccessFilter(TenantCatalog catalog) : IEndpointFilter
{
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
        var found = TenantLayout.IsValidTenant(tenant) ? await catalog.GetVersionedAsync(tenant, http.RequestAborted).ConfigureAwait(false) : null;
        ClickcastMetrics.ApiStage(ApiStage.Tenant, started);
        if (found is not { } current)
        {
            return Problems.NotFound($"There is no tenant '{tenant}'.");
        }

        TenantContext.Set(http, current.Definition, current.Version);
        return await next(context).ConfigureAwait(false);
    }
}
