namespace Clickcast.Server.Tenants;

/// <summary>A task's cron schedule.</summary>
/// <param name="Kind">Train or Score.</param>
/// <param name="Cron">5-field cron, UTC.</param>
/// <param name="Next">Its next occurrence.</param>
public sealed record ScheduleView(string Kind, string Cron, DateTimeOffset? Next);
