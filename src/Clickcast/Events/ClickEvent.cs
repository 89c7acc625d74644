namespace Clickcast.Events;

/// <summary>One normalized clickstream event, as stored under <c>events/</c>.</summary>
/// <param name="ClientId">The client (profile) id.</param>
/// <param name="TimestampMicros">Event time, microseconds since the Unix epoch, UTC.</param>
/// <param name="Url">The URL token: the URL cut to the tenant's level (domain, host, or host and path).</param>
/// <param name="EventType">The event type; <c>page_view</c> when the source has none.</param>
public readonly record struct ClickEvent(string ClientId, long TimestampMicros, string Url, string EventType);
