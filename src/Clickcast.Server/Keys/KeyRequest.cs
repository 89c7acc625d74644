using Clickcast.Tenants.Keys;

namespace Clickcast.Server.Keys;

/// <summary>A key to issue.</summary>
/// <param name="Name">What it is for (shown in lists).</param>
/// <param name="Scope">
/// Of a tenant key: <c>Tenant</c> (the tenant's admin), <c>Read</c> or <c>Upload</c>; <c>Read</c> when omitted. Never
/// more than the issuing key's own rights. At <c>/api/keys</c> only <c>Admin</c> (the default there).
/// </param>
public sealed record KeyRequest(string? Name, ApiKeyScope? Scope = null);
