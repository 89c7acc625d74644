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

        // An opaque token is all of its value; a URL is dropped as too long past either limit, before any parsing.
        OutcomeKey = _opaque ? UrlOutcomeKey.WholeValue : _urls.OutcomeKey with { MaxLength = Math.Min(_maxUrlLength, _urls.OutcomeKey.MaxLength) };
    }

    /// <summary>Which part of a URL decides <see cref="OutcomeOf"/>: readers may answer a URL from that part alone.</summary>
    internal UrlOutcomeKey OutcomeKey { get; }

    /// <summary>The event's token and type, or false with the reason it is dropped for.</summary>
    /// <param name="url">The URL (or opaque token) as sent.</param>
    /// <param name="eventType">The event type as sent; blank takes the tenant's default.</param>
    /// <param name="userAgent">The user agent, when the source has one (bots are dropped).</param>
    /// <param name="token">The stored token.</param>
    /// <param name="type">The stored event type.</param>
    /// <param name="reason">Why the event is dropped, or <see cref="DropReason.None"/>.</param>
    public bool TryNormalize(string? url, string? eventType, string? userAgent, out string token, out string type, out DropReason reason) =>
        TryNormalize(url, default, eventType, userAgent, null, out token, out type, out reason);

    /// <summary>
    /// As the public overload, with the URL's outcome as its reader kept it (<see cref="SourceRecord.UrlOutcome"/>,
    /// from <see cref="OutcomeOf"/>) when known, else as remembered by string instance in <paramref name="memo"/>, and
    /// the previous row's bot verdict.
    /// </summary>
    internal bool TryNormalize(string? url, UrlOutcome known, string? eventType, string? userAgent, RowOutcomeMemo? memo, out string token, out string type, out DropReason reason)
    {
        type = string.IsNullOrWhiteSpace(eventType) ? _defaultType : eventType;
        if (known.IsKnown)
        {
            (token, reason) = known;
        }
        else if (memo is null || url is null || !memo.TryGet(url, out token, out reason))
        {
            reason = NormalizeUrl(url, out token);
            if (memo is not null && url is not null)
            {
                memo.Add(url, token, reason);
            }
        }

        // A missing or over-long URL is reported before a bot, any other URL outcome after it.
        if (reason is not (DropReason.MissingUrl or DropReason.UrlTooLong) && (memo?.IsBot(userAgent, _bots) ?? _bots.IsBot(userAgent)))
        {
            token = string.Empty;
            reason = DropReason.Bot;
        }

        return reason == DropReason.None;
    }

    /// <summary>What <paramref name="url"/> alone decides: for readers to keep beside the URL (<see cref="SourceReadContext.UrlOutcomes"/>).</summary>
    internal UrlOutcome OutcomeOf(string url)
    {
        var reason = NormalizeUrl(url, out var token);
        return new UrlOutcome(token, reason);
    }

    /// <summary>The token of <paramref name="url"/> alone (what does not depend on the rest of the event), or why it is dropped.</summary>
    private DropReason NormalizeUrl(string? url, out string token)
    {
        token = string.Empty;
        var value = _opaque ? url?.Trim() : url;
        if (string.IsNullOrEmpty(value))
        {
            return DropReason.MissingUrl;
        }

        if (value.Length > _maxUrlLength)
        {
            return DropReason.UrlTooLong;
        }

        if (_opaque)
        {
            var reason = OpaqueToken.Check(value);
            if (reason == DropReason.None)
            {
                token = value;
            }

            return reason;
        }

        if (!_urls.TryNormalize(value, out var normalized, out var dropped))
        {
            return dropped;
        }

        token = normalized;
        return DropReason.None;
    }
}
