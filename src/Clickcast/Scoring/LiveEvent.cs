namespace Clickcast.Scoring;

/// <summary>One raw event sent for real-time scoring, before the tenant's ingest settings normalise it.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Url">The URL (or the opaque token, when the tenant maps tokens).</param>
/// <param name="Type">The event type; null means the tenant's default event type.</param>
public sealed record LiveEvent(DateTimeOffset Time, string? Url, string? Type = null);
