namespace Clickcast.Tenants.Keys;

/// <summary>The rules between scopes: which key may issue which.</summary>
public static class ApiKeyScopeExtensions
{
    /// <summary>True for the scopes that belong to one tenant (tenant admin, read, upload).</summary>
    public static bool IsTenantScope(this ApiKeyScope scope) => scope != ApiKeyScope.Admin;

    /// <summary>
    /// True when a key of scope <paramref name="issuer"/> may issue (or revoke) a key of scope <paramref name="issued"/>:
    /// the operator any; a tenant admin its tenant's admin, read and upload keys; read and upload keys none. A key
    /// can never issue a key with more rights than its own.
    /// </summary>
    public static bool CanIssue(this ApiKeyScope issuer, ApiKeyScope issued) => issuer switch
    {
        ApiKeyScope.Admin => true,
        ApiKeyScope.Tenant => issued.IsTenantScope(),
        _ => false,
    };
}
