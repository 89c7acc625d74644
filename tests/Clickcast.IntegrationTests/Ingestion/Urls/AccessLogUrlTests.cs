using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;

namespace Clickcast.IntegrationTests.Ingestion.Urls;

/// <summary>
/// The normalizer and the bot filter over the real Apache log in shared/data (10,000 lines of semicomplete.com,
/// about 4,600 page-like requests, the rest images, CSS and JS; crawlers and feed readers included).
/// </summary>
public sealed class AccessLogUrlTests
{
    private static (string Path, string UserAgent)[] ReadLog() =>
        File.ReadLines(SharedData.File("apache-combined/access.log")).Select(ParseLine).ToArray();

    /// <summary>A simple split is enough for this log: the request and user agent are the 2nd and 6th quoted-off fields.</summary>
    private static (string Path, string UserAgent) ParseLine(string line)
    {
        var fields = line.Split('"');
        var request = fields[1].Split(' ');
        return (request.Length > 1 ? request[1] : request[0], fields[5]);
    }

    [Fact]
    public void TryNormalize_EveryRequestPath_PagesAndStaticAssetsInPlausibleProportions()
    {
        var log = ReadLog();
        var normalizer = new UrlNormalizer(new UrlNormalizationOptions
        {
            Level = UrlLevel.Path,
            PathSegments = 1,
            DefaultHost = "semicomplete.com",
        });
        var reasons = new Dictionary<DropReason, int>();
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (path, _) in log)
        {
            normalizer.TryNormalize(path, out var token, out var reason);
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            if (token is not null)
            {
                tokens[token] = tokens.GetValueOrDefault(token) + 1;
            }
        }

        Assert.Equal(10_000, log.Length);
        Assert.InRange(reasons.GetValueOrDefault(DropReason.None), 4_300, 4_900);
        Assert.InRange(reasons.GetValueOrDefault(DropReason.StaticAsset), 5_100, 5_700);
        Assert.InRange(log.Length - reasons.GetValueOrDefault(DropReason.None) - reasons.GetValueOrDefault(DropReason.StaticAsset), 0, 50);
        Assert.All(tokens.Keys, token => Assert.StartsWith("semicomplete.com", token, StringComparison.Ordinal));
        var top = tokens.OrderByDescending(pair => pair.Value).Take(6).Select(pair => pair.Key).ToHashSet();
        Assert.Contains("semicomplete.com/blog", top);
        Assert.Contains("semicomplete.com/articles", top);
        Assert.Contains("semicomplete.com/projects", top);
        Assert.Contains("semicomplete.com", top);
    }

    [Fact]
    public void IsBot_EveryUserAgent_KnownCrawlersRecognisedBrowsersNot()
    {
        var log = ReadLog();
        var filter = new BotFilter(new BotFilterOptions());
        string[] crawlers = ["Googlebot", "bingbot", "Baiduspider", "YandexBot", "Yahoo! Slurp", "msnbot", "UniversalFeedParser"];
        foreach (var crawler in crawlers)
        {
            var lines = log.Where(entry => entry.UserAgent.Contains(crawler, StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(lines);
            Assert.All(lines, entry => Assert.True(filter.IsBot(entry.UserAgent), entry.UserAgent));
        }

        var commonest = log.GroupBy(entry => entry.UserAgent).OrderByDescending(group => group.Count()).First().Key;
        Assert.Contains("Chrome/", commonest, StringComparison.Ordinal);
        Assert.False(filter.IsBot(commonest));

        // About a quarter of this blog's traffic is crawlers and feed readers; browsers are the rest.
        var bots = log.Count(entry => filter.IsBot(entry.UserAgent));
        Assert.InRange(bots, 2_000, 3_500);
        string[] browsers =
        [
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/33.0.1750.91 Safari/537.36",
            "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:27.0) Gecko/20100101 Firefox/27.0",
            "Mozilla/5.0 (iPad; CPU OS 7_0_4 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Version/7.0 Mobile/11B554a Safari/9537.53",
            "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0)",
            "Opera/9.80 (X11; Linux x86_64) Presto/2.12.388 Version/12.16",
        ];
        foreach (var browser in browsers)
        {
            Assert.Contains(log, entry => entry.UserAgent == browser);
            Assert.False(filter.IsBot(browser), browser);
        }
    }
}
