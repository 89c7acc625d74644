namespace Clickcast.Ingestion.Sources;

/// <summary>The field paths a reader uses for one source, after detection; reported per file.</summary>
/// <param name="ClientId">Path of the client id.</param>
/// <param name="Timestamp">Path of the event time.</param>
/// <param name="Url">Path of the URL.</param>
/// <param name="EventType">Path of the event type, when the source has one.</param>
/// <param name="Referrer">Path of the referrer, when the source has one.</param>
/// <param name="UserAgent">Path of the user agent, when the source has one.</param>
public sealed record ResolvedFieldMapping(
    string ClientId,
    string Timestamp,
    string Url,
    string? EventType,
    string? Referrer,
    string? UserAgent);
