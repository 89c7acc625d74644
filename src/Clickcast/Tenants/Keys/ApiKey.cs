namespace Clickcast.Tenants.Keys;

/// <summary>An API key as the store knows it: never the key itself, only its prefix to recognise it by.</summary>
/// <param name="Id">Assigned by the database.</param>
/// <param name="Prefix">The key's first characters (<c>ck_</c> and 8 hex digits), safe to show and log.</param>
/// <param name="Scope">Admin or one tenant.</param>
/// <param name="Tenant">The tenant of a tenant key; null for an admin key.</param>
/// <param name="Name">What the key is for, in words.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="CreatedBy">Who issued it (<c>key:12</c>, <c>cli:alice</c>, <c>config</c>, <c>first-start</c>).</param>
/// <param name="RevokedAt">When it was revoked; a revoked key authenticates nothing.</param>
public sealed record ApiKey(long Id, string Prefix, ApiKeyScope Scope, string? Tenant, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    /// <summary>True when the key may act for <paramref name="tenant"/>.</summary>
    public bool CanAccess(string tenant) => Scope == ApiKeyScope.Admin || string.Equals(Tenant, tenant, StringComparison.Ordinal);
}
