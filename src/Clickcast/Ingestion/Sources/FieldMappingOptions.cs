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

    /// <summary>Path of the page URL, or of the opaque token that takes its place (see <see cref="UrlKind"/>).</summary>
    public string? Url { get; set; }

    /// <summary>
    /// Whether the <see cref="Url"/> field holds web URLs (normalized and filtered) or opaque tokens such as item
    /// ids, app screens or product codes (kept as they are).
    /// </summary>
    public UrlFieldKind UrlKind { get; set; } = UrlFieldKind.Url;

    /// <summary>
    /// Column names of a CSV or TSV file without a header row, in order. When set, the first line is data; when
    /// empty, the first line is the header. Other formats reject it.
    /// </summary>
    public IList<string> Columns { get; set; } = [];

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
