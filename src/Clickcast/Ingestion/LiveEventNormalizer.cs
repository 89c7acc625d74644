using Clickcast.Events;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Ingestion;

/// <summary>
/// Normalises one event that arrives outside a file (real-time scoring) exactly as ingest normalises a row of a
/// file under the same settings: the URL cut to the tenant's level (or checked as an opaque token), bots and
/// over-long URLs dropped, a missing event type replaced by the default.
/// </summary>
public sealed class LiveEventNormalizer
{
    private readonly UrlNormalizer _urls;
    private readonly bool _opaque;
    private readonly int _maxUrlLength;
    private readonly string _defaultType;

    public LiveEventNormalizer(IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _urls = new UrlNormalizer(options.Urls);
        _opaque = options.Mapping.UrlKind == UrlFieldKind.Token;
        _maxUrlLength = options.Limits.MaxUrlLength;
        _defaultType = options.DefaultEventType;
    }

    /// <summary>The event's token and type, or false with the reason ingest would have dropped it for.</summary>
    public bool TryNormalize(string? url, string? eventType, out string token, out string type, out DropReason reason)
    {
        token = string.Empty;
        type = string.IsNullOrWhiteSpace(eventType) ? _defaultType : eventType;
        var value = _opaque ? url?.Trim() : url;
        if (string.IsNullOrEmpty(value))
        {
            reason = DropReason.MissingUrl;
            return false;
        }

        if (value.Length > _maxUrlLength)
        {
            reason = DropReason.UrlTooLong;
            return false;
        }

        if (_opaque)
        {
            reason = OpaqueToken.Check(value);
            token = value;
            return reason == DropReason.None;
        }

        if (!_urls.TryNormalize(value, out var normalized, out reason))
        {
            return false;
        }

        token = normalized;
        return true;
    }
}
