using System.ComponentModel.DataAnnotations;

namespace Clickcast.Ingestion.Urls;

/// <summary>
/// Bot filtering by user agent: case-insensitive substrings. A list left null uses its built-in default; a list set in
/// configuration replaces the default (the configuration binder would append to a pre-filled one).
/// </summary>
public sealed class BotFilterOptions
{
    /// <summary>Whether rows with a bot user agent are dropped.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Substrings that mark a user agent as a bot. Null: <see cref="DefaultPatterns"/>.</summary>
    public IList<string>? Patterns { get; set; }

    /// <summary>
    /// Substrings that clear a user agent that <see cref="Patterns"/> matched, for browsers whose name happens to
    /// contain a pattern. Null: <see cref="DefaultExceptions"/>.
    /// </summary>
    public IList<string>? Exceptions { get; set; }

    /// <summary>Whether a missing, empty or <c>-</c> user agent counts as a bot. Many CDPs do not record it, so not by default.</summary>
    public bool MissingUserAgentIsBot { get; set; }

    /// <summary>Distinct user agents whose answer is remembered; the cache is cleared when full. 0 disables it.</summary>
    [Range(0, 1_000_000)]
    public int CacheCapacity { get; set; } = 16_384;

    /// <summary>
    /// Crawlers, feed readers, link previewers, monitors, scripts and headless browsers, chosen from the user agents of
    /// a real access log and the common tools. Feed readers count as bots: they poll on a timer, not on a person's
    /// click. A URL or a mail address in a user agent is a crawler's contact line: browsers never carry one.
    /// </summary>
    public static IReadOnlyList<string> DefaultPatterns { get; } =
    [
        // Crawlers: Googlebot, bingbot, msnbot, YandexBot, AhrefsBot, MJ12bot, Baiduspider, Sogou web spider, Yahoo! Slurp, ia_archiver.
        "bot", "crawl", "spider", "slurp", "archiver", "scraper", "nutch", "ezooms", "siteexplorer", "spinn3r",
        "daumoa", "genieo", "yahoo! search", "ask jeeves", "teoma",
        // Contact details: "+http://...", "help@moz.com".
        "http://", "https://", "@",
        // Feed readers and aggregators.
        "feed", "rss", "liferea", "newsify", "reeder", "theoldreader", "livejournal.com", "netnewswire", "inoreader",
        "newsblur", "flipboard", "superfeedr",
        // Link previewers and proxies.
        "preview", "facebookexternalhit", "embedly", "whatsapp", "google favicon", "googleimageproxy",
        "appengine-google", "docs.google.com/viewer",
        // Monitoring and link checkers.
        "monitor", "pingdom", "uptime", "statuscake", "site24x7", "nagios", "check_http", "zabbix", "datadog",
        "newrelic", "lighthouse", "pagespeed", "gtmetrix", "link sleuth", "linkcheck", "link validator", "xenu",
        "portscout", "distilator",
        // Scripts and HTTP libraries.
        "curl", "wget", "libwww-perl", "lwp::", "python", "urllib", "go-http-client", "java/", "okhttp", "httpclient",
        "http_request", "php/", "ruby", "perl", "libfetch", "httpie", "axios", "node-fetch", "undici", "guzzle",
        "scrapy", "chef client", "protocol discovery", "indy library", "binlar", "robosourcer", "postman",
        // Headless and automated browsers.
        "headless", "phantomjs", "selenium", "webdriver", "puppeteer", "playwright", "electron/",
    ];

    /// <summary>Cubot phones (Android) carry "bot" in their model name.</summary>
    public static IReadOnlyList<string> DefaultExceptions { get; } = ["cubot"];
}
