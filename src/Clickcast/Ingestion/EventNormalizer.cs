using Clickcast.Events;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Ingestion;

/// <summary>
/// The one rule that turns a raw event into a stored one under a tenant's ingest settings, used by ingest for each
/// row of a file and by real-time scoring for each event of a request: the URL cut to the tenant's level (or
/// checked as an opaque token), over-long URLs and bots dropped, a missing event type replaced by the default.
/// </summary>
public sealed class EventNormalizer
{
    private readonly UrlNormalizer _urls;
    private readonly BotFilter _bots;
    private readonly bool _opaque;
    private readonly int _maxUrlLength;
    private readonly string _defaultType;

    public EventNormalizer(IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _urls = new UrlNormalizer(options.Urls);
        _bots = new BotFilter(options.Bots);
        _opaque = options.Mapping.UrlKind == UrlFieldKind.Token;
        _maxUrlLength = options.Limits.MaxUrlLength;
        _defaultType = options.DefaultEventType;
    }

    /// <summary>The event's token and type, or false with the reason it is dropped for.</summary>
    /// <param name="url">The URL (or opaque token) as sent.</param>
    /// <param name="eventType">The event type as sent; blank takes the tenant's default.</param>
    /// <param name="userAgent">The user agent, when the source has one (bots are dropped).</param>
    /// <param name="token">The stored token.</param>
    /// <param name="type">The stored event type.</param>
    /// <param name="reason">Why the event is dropped, or <see cref="DropReason.None"/>.</param>
    public bool TryNormalize(string? url, string? eventType, string? userAgent, out string token, out string type, out DropReason reason)
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

        if (_bots.IsBot(userAgent))
        {
            reason = DropReason.Bot;
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
