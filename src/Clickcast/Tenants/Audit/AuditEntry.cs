namespace Clickcast.Tenants.Audit;

/// <summary>One audited action.</summary>
/// <param name="Id">Its number, increasing.</param>
/// <param name="At">When it was answered.</param>
/// <param name="KeyId">The key that acted.</param>
/// <param name="KeyPrefix">That key's prefix (safe to show).</param>
/// <param name="Tenant">The tenant acted on, if any.</param>
/// <param name="Action">The method and route, e.g. <c>POST tasks/{task}/models/{version}/promote</c>.</param>
/// <param name="Target">The path acted on.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Status">The HTTP status answered, when known.</param>
/// <param name="Detail">Why it was refused or failed.</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, long? KeyId, string? KeyPrefix, string? Tenant, string Action, string Target, AuditOutcome Outcome, int? Status, string? Detail);
