using Clickcast.Ingestion.Urls;

namespace Clickcast.Tests.Ingestion.Urls;

public sealed class BotFilterTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)")]
    [InlineData("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)")]
    [InlineData("Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)")]
    [InlineData("Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)")]
    [InlineData("ia_archiver (+http://www.alexa.com/site/help/webmasters; crawler@alexa.com)")]
    [InlineData("Mozilla/5.0 (compatible; Ezooms/1.0; help@moz.com)")]
    [InlineData("UniversalFeedParser/4.2-pre-314-svn +http://feedparser.org/")]
    [InlineData("Tiny Tiny RSS/1.11 (http://tt-rss.org/)")]
    [InlineData("Feedbin - 1 subscribers")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534+ (KHTML, like Gecko) BingPreview/1.0b")]
    [InlineData("curl/7.22.0 (i686-pc-linux-gnu) libcurl/7.22.0 OpenSSL/1.0.1")]
    [InlineData("Wget/1.14 (linux-gnu)")]
    [InlineData("python-requests/2.31.0")]
    [InlineData("Python-urllib/2.7")]
    [InlineData("Go-http-client/1.1")]
    [InlineData("LWP::Simple/5.827 libwww-perl/5.833")]
    [InlineData("Chef Client/10.18.2 (ruby-1.9.3-p327; ohai-6.16.0; x86_64-linux; +http://opscode.com)")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/534.34 (KHTML, like Gecko) PhantomJS/1.9.2 Safari/534.34")]
    [InlineData("Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)")]
    [InlineData("Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)")]
    [InlineData("GOOGLEBOT")]
    public void IsBot_CrawlersFeedReadersScriptsAndMonitors_True(string userAgent) =>
        Assert.True(new BotFilter(new BotFilterOptions()).IsBot(userAgent));

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.107 Safari/537.36")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:27.0) Gecko/20100101 Firefox/27.0")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 7_0_4 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Version/7.0 Mobile/11B554a Safari/9537.53")]
    [InlineData("Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0)")]
    [InlineData("Opera/9.80 (X11; Linux x86_64) Presto/2.12.388 Version/12.16")]
    [InlineData("Mozilla/5.0 (Linux; Android 4.4.2; Nexus 5 Build/KOT49H) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.99 Mobile Safari/537.36")]
    [InlineData("Lynx/2.8.7rel.2 libwww-FM/2.14 SSL-MM/1.4.1 OpenSSL/1.0.1f")]
    [InlineData("Mozilla/5.0 (Linux; Android 6.0; CUBOT NOTE S Build/MRA58K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.83 Mobile Safari/537.36")]
    public void IsBot_Browsers_False(string userAgent) =>
        Assert.False(new BotFilter(new BotFilterOptions()).IsBot(userAgent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("-")]
    public void IsBot_MissingUserAgent_FollowsOption(string? userAgent)
    {
        Assert.False(new BotFilter(new BotFilterOptions()).IsBot(userAgent));
        Assert.True(new BotFilter(new BotFilterOptions { MissingUserAgentIsBot = true }).IsBot(userAgent));
    }

    [Fact]
    public void IsBot_Disabled_AlwaysFalse()
    {
        var filter = new BotFilter(new BotFilterOptions { Enabled = false, MissingUserAgentIsBot = true });
        Assert.False(filter.IsBot("Googlebot/2.1"));
        Assert.False(filter.IsBot(null));
    }

    [Fact]
    public void IsBot_PatternsConfigured_ReplaceDefaultsCaseInsensitively()
    {
        var filter = new BotFilter(new BotFilterOptions { Patterns = ["InternalProbe"], Exceptions = [""] });
        Assert.True(filter.IsBot("internalprobe/1.0"));
        Assert.False(filter.IsBot("Googlebot/2.1"));
        Assert.True(new BotFilter(new BotFilterOptions { Exceptions = [""] }).IsBot("CUBOT phone"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(16_384)]
    public void IsBot_AnyCacheCapacity_SameAnswers(int capacity)
    {
        var filter = new BotFilter(new BotFilterOptions { CacheCapacity = capacity });
        for (var round = 0; round < 3; round++)
        {
            Assert.True(filter.IsBot("Googlebot/2.1"));
            Assert.False(filter.IsBot("Mozilla/5.0 (X11; Linux x86_64; rv:27.0) Gecko/20100101 Firefox/27.0"));
            Assert.True(filter.IsBot("curl/8.0"));
            Assert.False(filter.IsBot("-"));
        }
    }

    [Fact]
    public void Constructor_OptionsChangedLater_DoesNotAffectFilter()
    {
        var options = new BotFilterOptions();
        var filter = new BotFilter(options);
        options.Enabled = false;
        options.Patterns = ["firefox"];
        Assert.True(filter.IsBot("Googlebot/2.1"));
        Assert.False(filter.IsBot("Firefox/27.0"));
    }
}
