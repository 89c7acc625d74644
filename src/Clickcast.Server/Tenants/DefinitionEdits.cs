using System.Globalization;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Clickcast.Server.Tenants;

/// <summary>
/// How a definition edit is checked and saved: valid, within the operator's limits, and optimistic — the tenant's
/// version is its ETag (<c>"3"</c>); <c>If-Match</c> with another version is 412, and an edit that lost a race with
/// another save is 409, never a silent overwrite.
/// </summary>
internal static class DefinitionEdits
{
    /// <summary>The ETag of a definition version.</summary>
    public static string ETag(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>Problems of the tenant as it would be saved: validation and the operator's limits, by path.</summary>
    public static IReadOnlyList<string> Problems(TenantDefinition tenant, TenantCatalog catalog) =>
        [.. DefinitionValidator.Validate(tenant), .. catalog.Limits.Check(tenant)];

    /// <summary>A 412 when <c>If-Match</c> names another version than the one the request read; a 400 when it is no version.</summary>
    public static ProblemHttpResult? Precondition(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var current = TenantContext.Version(http);
        if (!EntityTagHeaderValue.TryParseList(header.Split(','), out var tags) || tags.Count == 0)
        {
            return Hosting.Problems.BadRequest($"If-Match '{header}' is not an entity tag: send the version from the ETag header, e.g. {ETag(current)}.");
        }

        return tags.Any(t => t.Tag.Equals(ETag(current), StringComparison.Ordinal))
            ? null
            : TypedResults.Problem(
                $"The definition is at version {current}, not {header}: someone changed it since you read it. Read it again, reapply your change and send If-Match: {ETag(current)}.",
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "Precondition failed");
    }

    /// <summary>Saves the edit if the version the request read is still current; a 409 problem otherwise.</summary>
    public static async Task<(int? Version, ProblemHttpResult? Problem)> SaveAsync(HttpContext http, TenantDefinition tenant, TenantCatalog catalog, CancellationToken cancellationToken)
    {
        var read = TenantContext.Version(http);
        var saved = await catalog.SaveIfVersionAsync(tenant, read, cancellationToken).ConfigureAwait(false);
        if (saved is { } version)
        {
            http.Response.Headers.ETag = ETag(version);
            return (version, null);
        }

        return (null, Hosting.Problems.Conflict($"Tenant '{tenant.Id}' was changed by another request while this one was applied (it read version {read}); nothing was saved. Read it again and retry."));
    }
}
