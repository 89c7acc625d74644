using System.ComponentModel.DataAnnotations;
using Clickcast.Events;

namespace Clickcast.Ingestion.Urls;

/// <summary>
/// How a tenant's URLs are cleaned and cut into tokens. List settings left null use the built-in defaults
/// (<c>Default*</c> below); a list set in configuration replaces its defaults instead of extending them, because the
/// configuration binder appends to pre-filled collections. An empty JSON array binds as "not set": to switch a list
/// off, give it one empty string.
/// </summary>
public sealed class UrlNormalizationOptions
{
    /// <summary>
    /// How much of the URL becomes the token. The default keeps the host and the first path segment
    /// (<c>shop.example.com/checkout</c>), so that a target page is a token of its own; cut coarser for smaller
    /// vocabularies only when no task targets a path.
    /// </summary>
    public UrlLevel Level { get; set; } = UrlLevel.Path;

    /// <summary>Path segments kept at <see cref="UrlLevel.Path"/>; 0 keeps the host only.</summary>
    [Range(0, 32)]
    public int PathSegments { get; set; } = 1;

    /// <summary>
    /// Host used for values that are a path without a host (access logs), e.g. <c>semicomplete.com</c>. Without it
    /// such values are <see cref="Events.DropReason.InvalidUrl"/>.
    /// </summary>
    public string? DefaultHost { get; set; }

    /// <summary>Values longer than this many characters are dropped as too long without being parsed.</summary>
    [Range(16, 1_048_576)]
    public int MaxLength { get; set; } = 4096;

    /// <summary>URL schemes accepted (case-insensitive); others are invalid. Null: <see cref="DefaultAllowedSchemes"/>.</summary>
    public IList<string>? AllowedSchemes { get; set; }

    /// <summary>
    /// Leading host labels removed when the rest still has a dot (<c>www.example.com</c> → <c>example.com</c>).
    /// Null: <see cref="DefaultStrippedSubdomains"/>.
    /// </summary>
    public IList<string>? StrippedSubdomains { get; set; }

    /// <summary>Whether the query string is kept (at <see cref="UrlLevel.Path"/> only), tracking parameters removed and the rest sorted.</summary>
    public bool KeepQuery { get; set; }

    /// <summary>
    /// Query parameter names removed when the query is kept, case-insensitive; a trailing <c>*</c> matches a prefix
    /// (<c>utm_*</c>). Null: <see cref="DefaultTrackingParameters"/>.
    /// </summary>
    public IList<string>? TrackingParameters { get; set; }

    /// <summary>Whether paths are lower-cased (sites served case-insensitively, such as IIS ones).</summary>
    public bool LowercasePath { get; set; }

    /// <summary>
    /// Domains whose events are not page views (CDNs, analytics, ad servers, local names); each also matches its
    /// subdomains (<c>doubleclick.net</c> matches <c>stats.g.doubleclick.net</c>). Null: <see cref="DefaultTechnicalDomains"/>.
    /// </summary>
    public IList<string>? TechnicalDomains { get; set; }

    /// <summary>Whether URLs whose host is an IP address are dropped as technical.</summary>
    public bool DropIpAddressHosts { get; set; } = true;

    /// <summary>Path extensions of static assets, case-insensitive, without the dot. Null: <see cref="DefaultStaticAssetExtensions"/>.</summary>
    public IList<string>? StaticAssetExtensions { get; set; }

    /// <summary>
    /// Whether the private section of the public suffix list is used, so that <c>alice.github.io</c> and
    /// <c>bob.github.io</c> are different registrable domains.
    /// </summary>
    public bool UsePrivatePublicSuffixes { get; set; } = true;

    /// <summary>
    /// Distinct raw URLs (without their query and fragment unless <see cref="KeepQuery"/>) remembered per normalizer; the cache is cleared when full. 0 disables it.
    /// </summary>
    [Range(0, 10_000_000)]
    public int CacheCapacity { get; set; } = 65_536;

    /// <summary>Schemes of page URLs.</summary>
    public static IReadOnlyList<string> DefaultAllowedSchemes { get; } = ["http", "https"];

    /// <summary>
    /// <c>www</c>, and <c>m</c> because the mobile site shows the same pages: a client's visit should give the same
    /// token on either.
    /// </summary>
    public static IReadOnlyList<string> DefaultStrippedSubdomains { get; } = ["www", "m"];

    /// <summary>
    /// Click ids and campaign tags of the common ad, mail and analytics platforms. <c>ref</c> is not among them:
    /// sites also use it for content (code hosts' branch names).
    /// </summary>
    public static IReadOnlyList<string> DefaultTrackingParameters { get; } =
    [
        "utm_*", "gclid", "gclsrc", "gbraid", "wbraid", "dclid", "fbclid", "msclkid", "yclid", "ysclid", "igshid",
        "twclid", "ttclid", "li_fat_id", "epik", "srsltid", "_ga", "_gl", "_openstat", "mc_cid", "mc_eid", "mkt_tok",
        "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp", "hsctatracking", "oly_anon_id", "oly_enc_id", "vero_id",
        "s_kwcid", "ef_id", "rb_clickid", "fb_action_ids", "fb_action_types", "fb_source", "fb_ref",
        // jQuery's cache-buster: a new value on every request.
        "_",
    ];

    /// <summary>Analytics, tag managers, ad servers, CDNs and names that never leave a local network.</summary>
    public static IReadOnlyList<string> DefaultTechnicalDomains { get; } =
    [
        // Analytics and tag managers.
        "google-analytics.com", "analytics.google.com", "googletagmanager.com", "googletagservices.com",
        "mc.yandex.ru", "mc.yandex.com", "mc.yandex.by", "mc.yandex.kz", "top-fwz1.mail.ru", "top.mail.ru",
        "counter.yadro.ru", "tns-counter.ru", "hotjar.com", "hotjar.io", "clarity.ms", "segment.io", "cdn.segment.com",
        "mxpnl.com", "api.mixpanel.com", "api-js.mixpanel.com", "api.amplitude.com", "api2.amplitude.com",
        "cdn.amplitude.com", "scorecardresearch.com", "quantserve.com", "nr-data.net", "js-agent.newrelic.com",
        "ingest.sentry.io", "tiqcdn.com", "tealiumiq.com", "ensighten.com", "omtrdc.net", "demdex.net",
        "cookielaw.org", "cloudflareinsights.com", "bat.bing.com", "analytics.twitter.com", "ads-twitter.com",
        "px.ads.linkedin.com", "snap.licdn.com", "connect.facebook.net", "logx.optimizely.com",
        // Ad servers and exchanges.
        "doubleclick.net", "googlesyndication.com", "googleadservices.com", "2mdn.net", "adservice.google.com",
        "amazon-adsystem.com", "adnxs.com", "criteo.com", "criteo.net", "rubiconproject.com", "pubmatic.com",
        "openx.net", "casalemedia.com", "adsrvr.org", "taboola.com", "outbrain.com", "moatads.com", "adform.net",
        "adfox.ru", "an.yandex.ru", "everesttech.net", "krxd.net", "bluekai.com", "exelator.com", "crwdcntrl.net",
        "mathtag.com", "rlcdn.com", "bidswitch.net", "smartadserver.com", "adroll.com", "yieldmo.com",
        // CDNs and static hosts.
        "cloudfront.net", "akamaihd.net", "akamaized.net", "edgesuite.net", "edgekey.net", "fastly.net",
        "azureedge.net", "b-cdn.net", "cdn77.org", "jsdelivr.net", "unpkg.com", "bootstrapcdn.com",
        "cdnjs.cloudflare.com", "gstatic.com", "googleapis.com", "googleusercontent.com", "ytimg.com", "twimg.com",
        "fbcdn.net", "yastatic.net", "userapi.com",
        // Names that never leave a local network (RFC 2606, RFC 6761, RFC 6762, RFC 8375).
        "localhost", "local", "localdomain", "internal", "lan", "home.arpa", "test", "invalid",
    ];

    /// <summary>
    /// Images, style sheets, scripts and their source maps, fonts, audio and video. Feeds (<c>xml</c>), documents and
    /// downloads are not static assets: a person asked for them.
    /// </summary>
    public static IReadOnlyList<string> DefaultStaticAssetExtensions { get; } =
    [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "cur", "bmp", "tif", "tiff", "apng", "heic",
        "css", "js", "mjs", "map",
        "woff", "woff2", "ttf", "otf", "eot",
        "mp3", "mp4", "m4a", "m4v", "webm", "ogg", "oga", "ogv", "wav", "flac", "aac", "mov", "avi", "swf",
    ];
}
