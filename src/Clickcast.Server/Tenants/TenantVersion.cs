namespace Clickcast.Server.Tenants;

/// <summary>One saved version of a tenant's definition.</summary>
/// <param name="Version">The version.</param>
/// <param name="CreatedAt">When it was saved.</param>
public sealed record TenantVersion(int Version, DateTimeOffset CreatedAt);
