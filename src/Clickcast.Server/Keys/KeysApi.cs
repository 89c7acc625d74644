using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Tenants.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Keys;

/// <summary>
/// API keys: a tenant admin manages its tenant's keys (admin, read, upload; never stronger than its own, and at most
/// <see cref="ServerOptions.MaxKeysPerTenant"/> active); admin keys are the operator's. A new key's secret is in the
/// response that issued it and nowhere else (only a hash is stored). Revoked keys stop working at once.
/// </summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        app.Api("/me", "Keys").MapGet("", (HttpContext http) =>
        {
            var caller = Caller.From(http.User);
            return TypedResults.Ok(new KeyIdentity(caller.KeyId, caller.Prefix, caller.Scope, caller.Tenant));
        }).Allow(AllowedScopes.Any).WithSummary("The key this request authenticated with: scope and tenant.");

        var admin = app.Api("/keys", "Keys").RequireAuthorization(ApiRoutes.AdminPolicy);
        admin.MapGet("", (ApiKeyStore keys, CancellationToken cancellationToken) => ListAsync(keys, null, cancellationToken)).WithSummary("Admin keys (admin).");
        admin.MapPost("", (KeyRequest? body, HttpContext http, ApiKeyStore keys, IOptions<ServerOptions> options, ILogger<KeyRequest> logger, CancellationToken cancellationToken) =>
            IssueAsync(keys, null, body, http, options.Value, logger, cancellationToken)).WithSummary("Issues an admin key (admin); its secret is shown once.");
        admin.MapDelete("/{id:long}", RevokeAnyAsync).WithSummary("Revokes any key (admin).");

        var tenant = app.TenantApi("/keys", "Keys").Allow(AllowedScopes.Managing);
        tenant.MapGet("", (string tenant, ApiKeyStore keys, CancellationToken cancellationToken) => ListAsync(keys, tenant, cancellationToken)).WithSummary("The tenant's keys (prefixes, never secrets; tenant admin).");
        tenant.MapPost("", (string tenant, KeyRequest? body, HttpContext http, ApiKeyStore keys, IOptions<ServerOptions> options, ILogger<KeyRequest> logger, CancellationToken cancellationToken) =>
            IssueAsync(keys, tenant, body, http, options.Value, logger, cancellationToken)).WithSummary("Issues a key for the tenant (scope Tenant, Read or Upload; Read by default; tenant admin); its secret is shown once.");
        tenant.MapDelete("/{id:long}", RevokeTenantKeyAsync).WithSummary("Revokes one of the tenant's keys (tenant admin).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ApiKey>>> ListAsync(ApiKeyStore keys, string? tenant, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(tenant, cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> IssueAsync(ApiKeyStore keys, string? tenant, KeyRequest? body, HttpContext http, ServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var scope = body?.Scope ?? (tenant is null ? ApiKeyScope.Admin : ApiKeyScope.Read);
        if (tenant is null && scope != ApiKeyScope.Admin)
        {
            return Problems.BadRequest($"/api/keys issues admin keys only: issue a '{scope}' key at /api/tenants/{{tenant}}/keys.");
        }

        if (tenant is not null && !scope.IsTenantScope())
        {
            return Problems.BadRequest("A tenant's keys are of scope 'Tenant', 'Read' or 'Upload': admin keys are issued at /api/keys.");
        }

        if (!caller.Scope.CanIssue(scope))
        {
            return Problems.Forbidden($"A '{caller.Scope}' key cannot issue a '{scope}' key: a key never issues more rights than its own.");
        }

        if (tenant is not null && await keys.CountActiveAsync(tenant, cancellationToken).ConfigureAwait(false) >= options.MaxKeysPerTenant)
        {
            return Problems.Conflict($"Tenant '{tenant}' has {options.MaxKeysPerTenant} active keys, the most allowed (Server:MaxKeysPerTenant): revoke one first.");
        }

        var name = string.IsNullOrWhiteSpace(body?.Name) ? $"issued by {caller.Actor}" : body.Name.Trim();
        var issued = await keys.CreateAsync(scope, tenant, name, caller.Actor, cancellationToken).ConfigureAwait(false);
        Log.KeyIssued(logger, issued.Key.Prefix, scope.ToString(), tenant, caller.Actor);
        return TypedResults.Created(tenant is null ? "/api/keys" : $"/api/tenants/{tenant}/keys", issued);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAnyAsync(long id, HttpContext http, ApiKeyStore keys, ILogger<KeyRequest> logger, CancellationToken cancellationToken) =>
        await RevokeAsync(keys, id, null, http, logger, cancellationToken).ConfigureAwait(false);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTenantKeyAsync(string tenant, long id, HttpContext http, ApiKeyStore keys, ILogger<KeyRequest> logger, CancellationToken cancellationToken) =>
        await RevokeAsync(keys, id, tenant, http, logger, cancellationToken).ConfigureAwait(false);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(ApiKeyStore keys, long id, string? tenant, HttpContext http, ILogger logger, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (key is null || (tenant is not null && key.Tenant != tenant) || key.RevokedAt is not null)
        {
            return Problems.NotFound(tenant is null ? $"There is no active key {id}." : $"Tenant '{tenant}' has no active key {id}.");
        }

        await keys.RevokeAsync(id, cancellationToken).ConfigureAwait(false);
        var caller = Caller.From(http.User);
        Log.KeyRevoked(logger, id, caller.Actor);
        return TypedResults.NoContent();
    }
}
