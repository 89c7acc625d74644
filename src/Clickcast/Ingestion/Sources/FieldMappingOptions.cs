namespace Clickcast.Ingestion.Sources;

/// <summary>
/// Where a source keeps the fields Clickcast needs, as dotted paths into its records (<c>profile.cid</c>,
/// <c>context.page.url</c>) or column names. A path left null is detected from common layouts.
/// </summary>
public sealed class FieldMappingOptions
{
    /// <summary>Path of the client (profile, visitor) id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Path of the event time.</summary>
    public string? Timestamp { get; set; }

    /// <summary>Path of the page URL.</summary>
    public string? Url { get; set; }

    /// <summary>Path of the event type (optional; events without one are page views).</summary>
    public string? EventType { get; set; }

    /// <summary>Path of the referrer (optional).</summary>
    public string? Referrer { get; set; }

    /// <summary>Path of the user agent (optional; used by the bot filter).</summary>
    public string? UserAgent { get; set; }

    /// <summary>How time values are written.</summary>
    public TimestampOptions Time { get; set; } = new();

    /// <summary>Told the leaf paths of each source resolved against this mapping (for <c>ingest --inspect</c>); not a setting.</summary>
    internal Action<IReadOnlyCollection<string>>? FieldsSeen { get; set; }
}
