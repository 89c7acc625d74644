using Clickcast.Export;
using Clickcast.Pipeline;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Tenants;
using Clickcast.Tenants.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Tenants;

/// <summary>Tenants: list (an admin sees all, a tenant key its own), create (admin), read and update.</summary>
public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var tenants = app.Api("/tenants", "Tenants");
        tenants.MapGet("", ListAsync).WithSummary("Lists the tenants the key can see, with every task's freshness.");
        tenants.MapPost("", CreateAsync).RequireAuthorization(ApiRoutes.AdminPolicy).WithMetadata(DefinitionBodyLimit.Marker)
            .WithSummary("Creates a tenant with its tasks (admin): provisions each task and issues the tenant's first key, shown once.");

        var tenant = app.TenantApi(string.Empty, "Tenants");
        tenant.MapGet("", Get).WithSummary("A tenant's definition (secrets masked) and version (also its ETag).");
        tenant.MapPut("", UpdateAsync).WithMetadata(DefinitionBodyLimit.Marker)
            .WithSummary("Replaces a tenant's definition (tenant admin); secrets sent as '********' or empty keep their stored value. If-Match with the ETag of GET: 412 when it changed since.");
        tenant.MapGet("/versions", VersionsAsync).WithSummary("Versions of the tenant's definition, newest first.");
        return app;
    }

    private static async Task<Ok<List<TenantOverview>>> ListAsync(HttpContext http, TenantCatalog catalog, TaskSummaries summaries, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var result = new List<TenantOverview>();
        foreach (var tenant in await catalog.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (caller.CanAccess(tenant.Id))
            {
                result.Add(new TenantOverview(tenant.Id, tenant.DisplayName, await summaries.ListAsync(tenant, cancellationToken).ConfigureAwait(false)));
            }
        }

        return TypedResults.Ok(result);
    }

    private static async Task<Results<Created<TenantCreated>, ProblemHttpResult>> CreateAsync(
        TenantDefinition definition, HttpContext http, TenantCatalog catalog, Provisioner provisioner, ApiKeyStore keys, bool? key, ExportNetworkPolicy network, CancellationToken cancellationToken)
    {
        if (DefinitionEdits.Problems(definition, catalog) is { Count: > 0 } problems)
        {
            return Problems.Invalid("tenant definition", problems);
        }

        if (await DefinitionValidator.ValidateNetworkAsync(definition, network, cancellationToken).ConfigureAwait(false) is { Count: > 0 } unreachable)
        {
            return Problems.Invalid("tenant definition", unreachable);
        }

        if (await catalog.SaveIfVersionAsync(definition, 0, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            return Problems.Conflict($"Tenant '{definition.Id}' exists: change it with PUT /api/tenants/{definition.Id}.");
        }

        var provisioned = new List<TaskProvisioning>();
        foreach (var task in definition.Tasks)
        {
            provisioned.Add(await provisioner.ProvisionAsync(definition.Id, task, cancellationToken).ConfigureAwait(false));
        }

        var caller = Caller.From(http.User);
        var issued = key == false ? null : await keys.CreateAsync(ApiKeyScope.Tenant, definition.Id, "first key of " + definition.Id, caller.Actor, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/tenants/{definition.Id}", new TenantCreated(new TenantView(DefinitionSecrets.Masked(definition), version), provisioned, issued));
    }

    private static Ok<TenantView> Get(HttpContext http)
    {
        var tenant = TenantContext.Get(http);
        http.Response.Headers.ETag = DefinitionEdits.ETag(TenantContext.Version(http));
        return TypedResults.Ok(new TenantView(DefinitionSecrets.Masked(tenant), TenantContext.Version(http)));
    }

    private static async Task<Results<Ok<TenantView>, ProblemHttpResult>> UpdateAsync(
        string tenant, TenantDefinition definition, HttpContext http, TenantCatalog catalog, Provisioner provisioner, ExportNetworkPolicy network, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(definition.Id))
        {
            definition.Id = tenant;
        }
        else if (definition.Id != tenant)
        {
            return Problems.BadRequest($"The body is tenant '{definition.Id}' but the URL names '{tenant}': a tenant cannot be renamed.");
        }

        var existing = TenantContext.Get(http);
        var secretProblems = new List<string>();
        for (var i = 0; i < definition.Tasks.Count; i++)
        {
            definition.Tasks[i] = DefinitionSecrets.KeepUnchanged(definition.Tasks[i], existing.Tasks.FirstOrDefault(t => t.Id == definition.Tasks[i].Id), out var taskProblems);
            secretProblems.AddRange(taskProblems.Select(p => $"tasks[{i}].{p}"));
        }

        if (DefinitionEdits.Precondition(http) is { } failed)
        {
            return failed;
        }

        if (ShardsEdit.Problem(tenant, existing.Shards, definition.Shards) is { } shards)
        {
            return Problems.Invalid("tenant definition", [shards]);
        }

        if (secretProblems.Concat(DefinitionEdits.Problems(definition, catalog)).ToList() is { Count: > 0 } problems)
        {
            return Problems.Invalid("tenant definition", problems);
        }

        if (await DefinitionValidator.ValidateNetworkAsync(definition, network, cancellationToken).ConfigureAwait(false) is { Count: > 0 } unreachable)
        {
            return Problems.Invalid("tenant definition", unreachable);
        }

        var (saved, conflict) = await DefinitionEdits.SaveAsync(http, definition, catalog, cancellationToken).ConfigureAwait(false);
        if (saved is not { } version)
        {
            return conflict!;
        }

        foreach (var task in definition.Tasks)
        {
            await provisioner.ProvisionAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(new TenantView(DefinitionSecrets.Masked(definition), version));
    }

    private static async Task<Ok<List<TenantVersion>>> VersionsAsync(string tenant, TenantCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.VersionsAsync(tenant, cancellationToken).ConfigureAwait(false)).Select(v => new TenantVersion(v.Version, v.CreatedAt)).ToList());

    internal static async Task<int> VersionOfAsync(TenantCatalog catalog, string tenant, CancellationToken cancellationToken) =>
        (await catalog.VersionsAsync(tenant, cancellationToken).ConfigureAwait(false)).Select(v => v.Version).FirstOrDefault();
}
