using Clickcast.Tenants.Keys;

namespace Clickcast.Server.Security;

/// <summary>
/// Endpoint metadata: the key scopes an endpoint accepts. Without it <see cref="KeyScopeFilter"/> lets GET and HEAD
/// through for the operator, tenant admins and read keys, and every other method only for the operator and tenant admins.
/// </summary>
/// <param name="Scopes">The scopes accepted.</param>
internal sealed record AllowedScopes(IReadOnlyList<ApiKeyScope> Scopes)
{
    public static readonly AllowedScopes Reading = new([ApiKeyScope.Admin, ApiKeyScope.Tenant, ApiKeyScope.Read]);

    public static readonly AllowedScopes Managing = new([ApiKeyScope.Admin, ApiKeyScope.Tenant]);

    public static readonly AllowedScopes Uploading = new([ApiKeyScope.Admin, ApiKeyScope.Tenant, ApiKeyScope.Upload]);

    public static readonly AllowedScopes Any = new([ApiKeyScope.Admin, ApiKeyScope.Tenant, ApiKeyScope.Read, ApiKeyScope.Upload]);
}
