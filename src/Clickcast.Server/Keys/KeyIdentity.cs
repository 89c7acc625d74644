using Clickcast.Tenants.Keys;

namespace Clickcast.Server.Keys;

/// <summary>The key a request authenticated with.</summary>
/// <param name="KeyId">Its id.</param>
/// <param name="Prefix">Its prefix.</param>
/// <param name="Scope">Admin or tenant.</param>
/// <param name="Tenant">Its tenant, for a tenant key.</param>
public sealed record KeyIdentity(long KeyId, string Prefix, ApiKeyScope Scope, string? Tenant);
