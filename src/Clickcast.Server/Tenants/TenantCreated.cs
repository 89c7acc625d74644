using Clickcast.Tenants.Keys;

namespace Clickcast.Server.Tenants;

/// <summary>What creating a tenant made: the tenant, each task's provisioning, and the tenant's first key (shown once).</summary>
/// <param name="Tenant">The tenant as saved.</param>
/// <param name="Tasks">Provisioning of each task.</param>
/// <param name="Key">A key for the tenant; its secret is never shown again.</param>
public sealed record TenantCreated(TenantView Tenant, IReadOnlyList<TaskProvisioning> Tasks, IssuedApiKey? Key);
