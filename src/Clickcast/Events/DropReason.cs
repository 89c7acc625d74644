namespace Clickcast.Events;

/// <summary>Why a source row did not become a click event. Counted per file in the ingest report.</summary>
public enum DropReason
{
    /// <summary>The row was kept.</summary>
    None = 0,

    /// <summary>No client id, or an empty one.</summary>
    MissingClientId,

    /// <summary>The client id is longer than the configured limit.</summary>
    ClientIdTooLong,

    /// <summary>No timestamp.</summary>
    MissingTimestamp,

    /// <summary>A timestamp that does not parse, or lies outside the accepted range.</summary>
    InvalidTimestamp,

    /// <summary>No URL.</summary>
    MissingUrl,

    /// <summary>A URL that cannot be parsed into scheme, host and path.</summary>
    InvalidUrl,

    /// <summary>A URL longer than the configured limit.</summary>
    UrlTooLong,

    /// <summary>A text field whose bytes are not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A URL on a technical domain: CDN, analytics, ad server, localhost.</summary>
    TechnicalDomain,

    /// <summary>A static asset: image, style sheet, script, font.</summary>
    StaticAsset,

    /// <summary>A user agent that the bot filter recognises.</summary>
    Bot,

    /// <summary>A request that is not a successful page view (access logs: failed status, non-GET method).</summary>
    NotAPageView,

    /// <summary>A line or record that cannot be split into fields at all.</summary>
    MalformedRecord,

    /// <summary>An opaque token (a URL field mapped as a token) holding control characters or unpaired surrogates.</summary>
    InvalidToken,
}
