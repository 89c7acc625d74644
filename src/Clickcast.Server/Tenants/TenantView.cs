using Clickcast.Tenants;

namespace Clickcast.Server.Tenants;

/// <summary>A tenant's current definition (secrets masked) and its version.</summary>
/// <param name="Definition">The definition; secrets read <c>********</c> (send that back to keep them).</param>
/// <param name="Version">Its version: each saved change adds one.</param>
public sealed record TenantView(TenantDefinition Definition, int Version);
