namespace Clickcast.Generation;

/// <summary>One synthetic event as a CDP would export it (before any cleaning).</summary>
/// <param name="EventId">A unique id.</param>
/// <param name="ClientId">The client, or empty for a junk row.</param>
/// <param name="TimestampMillis">Event time, milliseconds since the epoch, UTC.</param>
/// <param name="EventType">page_view, add_to_cart or purchase.</param>
/// <param name="Url">Absolute URL with tracking parameters now and then.</param>
/// <param name="Referrer">The previous page of the session, or null.</param>
/// <param name="UserAgent">A browser or crawler user agent.</param>
/// <param name="Day">Day index from the generator's start, used to split output files.</param>
public readonly record struct GeneratedClick(
    string EventId,
    string ClientId,
    long TimestampMillis,
    string EventType,
    string Url,
    string? Referrer,
    string UserAgent,
    int Day);
