using Clickcast.Pipeline;

namespace Clickcast.Server.Tenants;

/// <summary>A tenant in the list: its tasks with their freshness.</summary>
/// <param name="Id">Tenant id.</param>
/// <param name="DisplayName">Name for people.</param>
/// <param name="Tasks">Its tasks at a glance.</param>
public sealed record TenantOverview(string Id, string? DisplayName, IReadOnlyList<TaskSummary> Tasks);
