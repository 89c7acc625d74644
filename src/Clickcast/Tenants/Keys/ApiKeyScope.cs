namespace Clickcast.Tenants.Keys;

/// <summary>What an API key may do. Stored by name.</summary>
public enum ApiKeyScope
{
    /// <summary>
    /// A tenant's admin: everything on one tenant — its definition, tasks, exports, runs, models, uploads and keys
    /// (issuing keys no stronger than this one) — and nothing on any other tenant.
    /// </summary>
    Tenant = 0,

    /// <summary>The operator: every tenant, creating tenants, and admin keys.</summary>
    Admin,

    /// <summary>One tenant, read only: every GET of the tenant's API (never its keys), no change.</summary>
    Read,

    /// <summary>One tenant, uploads only: <c>PUT /api/tenants/{tenant}/uploads/{name}</c> and bucket notifications.</summary>
    Upload,
}
