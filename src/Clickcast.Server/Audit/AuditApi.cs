using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Tenants.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Audit;

/// <summary>
/// The audit log: a tenant's entries for its tenant admins and the operator (read keys do not see it: it names keys),
/// and every entry for the operator.
/// </summary>
public static class AuditApi
{
    /// <summary>Entries per page when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.TenantApi("/audit", "Audit").MapGet("", TenantAsync).Allow(AllowedScopes.Managing)
            .WithSummary("The tenant's audit log, newest first: who (key), what, on what, when, outcome. Tenant admin or operator; ?limit (1–500, default 100) and ?before (an entry id) page it.");
        app.Api("/audit", "Audit").MapGet("", AllAsync).RequireAuthorization(ApiRoutes.AdminPolicy)
            .WithSummary("Every tenant's audit log and the operator's own actions, newest first (admin); ?limit and ?before as per tenant.");
        return app;
    }

    private static Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> TenantAsync(string tenant, int? limit, long? before, AuditLog log, CancellationToken cancellationToken) =>
        ListAsync(tenant, limit, before, log, cancellationToken);

    private static Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> AllAsync(int? limit, long? before, AuditLog log, CancellationToken cancellationToken) =>
        ListAsync(null, limit, before, log, cancellationToken);

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> ListAsync(string? tenant, int? limit, long? before, AuditLog log, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > AuditLog.MaxPage)
        {
            return Problems.BadRequest($"limit must be between 1 and {AuditLog.MaxPage}.");
        }

        return TypedResults.Ok(await log.ListAsync(tenant, limit ?? DefaultLimit, before, cancellationToken).ConfigureAwait(false));
    }
}
