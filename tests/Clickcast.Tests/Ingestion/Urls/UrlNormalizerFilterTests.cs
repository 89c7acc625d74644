using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Tests.Ingestion.Urls;

public sealed class UrlNormalizerFilterTests
{
    private static (string? Token, DropReason Reason) Normalize(string raw, UrlNormalizationOptions options)
    {
        var normalizer = new UrlNormalizer(options);
        var kept = normalizer.TryNormalize(raw, out var token, out var reason);
        Assert.Equal(kept, reason == DropReason.None);
        return (token, reason);
    }

    private static UrlNormalizationOptions KeepQuery(int segments = 1) =>
        new() { Level = UrlLevel.Path, PathSegments = segments, KeepQuery = true };

    [Theory]
    [InlineData("https://stats.g.doubleclick.net/collect?v=1")]
    [InlineData("https://doubleclick.net/")]
    [InlineData("https://www.google-analytics.com/g/collect")]
    [InlineData("https://www.googletagmanager.com/gtm.js?id=GTM-1")]
    [InlineData("https://mc.yandex.ru/watch/123")]
    [InlineData("https://d1234.cloudfront.net/page")]
    [InlineData("https://STATS.G.DOUBLECLICK.NET./x")]
    [InlineData("http://localhost:3000/checkout")]
    [InlineData("http://printer.local/")]
    [InlineData("http://api.internal/v1")]
    [InlineData("http://192.168.0.1/admin")]
    [InlineData("http://[::1]:8080/")]
    public void TryNormalize_TechnicalDomainOrSubdomain_DroppedAsTechnical(string raw) =>
        Assert.Equal(DropReason.TechnicalDomain, Normalize(raw, new UrlNormalizationOptions()).Reason);

    [Theory]
    [InlineData("https://notdoubleclick.net/", "notdoubleclick.net")]
    [InlineData("https://doubleclick.network/", "doubleclick.network")]
    [InlineData("https://www.google.com/search?q=x", "google.com")]
    [InlineData("https://yandex.ru/", "yandex.ru")]
    public void TryNormalize_LookalikeOrParentOfTechnicalDomain_Kept(string raw, string expected) =>
        Assert.Equal(expected, Normalize(raw, new UrlNormalizationOptions { Level = UrlLevel.RegistrableDomain }).Token);

    [Fact]
    public void TryNormalize_TechnicalDomainsConfigured_ReplaceDefaults()
    {
        var options = new UrlNormalizationOptions { TechnicalDomains = ["*.Tracker.Example", "пример.рф"] };
        Assert.Equal(DropReason.TechnicalDomain, Normalize("https://a.b.tracker.example/x", options).Reason);
        Assert.Equal(DropReason.TechnicalDomain, Normalize("https://xn--e1afmkfd.xn--p1ai/", options).Reason);
        Assert.Equal(DropReason.None, Normalize("https://stats.g.doubleclick.net/", options).Reason);
    }

    [Fact]
    public void TryNormalize_TechnicalDomainsSwitchedOff_KeepsEverything()
    {
        // An empty JSON array binds as "not set"; one empty string is how configuration switches a list off.
        var options = new UrlNormalizationOptions { TechnicalDomains = [""], DropIpAddressHosts = false };
        Assert.Equal("localhost", Normalize("http://localhost/", options).Token);
        Assert.Equal("10.0.0.1", Normalize("http://10.0.0.1/", options).Token);
    }

    [Theory]
    [InlineData("http://example.com/a.js?v=3")]
    [InlineData("http://example.com/static/app.min.js#x")]
    [InlineData("http://example.com/img/Logo.PNG")]
    [InlineData("http://example.com/style2.css")]
    [InlineData("http://example.com/favicon.ico")]
    [InlineData("http://example.com/fonts/a.woff2")]
    [InlineData("http://example.com/a.js.map")]
    [InlineData("http://example.com/video/intro.mp4")]
    [InlineData("http://example.com/a%2Ejs")]
    [InlineData("/presentations/logstash/images/kibana-search.png")]
    public void TryNormalize_StaticAsset_DroppedAsStaticAsset(string raw)
    {
        var options = new UrlNormalizationOptions { DefaultHost = "example.com" };
        Assert.Equal(DropReason.StaticAsset, Normalize(raw, options).Reason);
    }

    [Theory]
    [InlineData("http://example.com/blog/post.html", "example.com")]
    [InlineData("http://example.com/feed.xml", "example.com")]
    [InlineData("http://example.com/paper.pdf", "example.com")]
    [InlineData("http://example.com/js/", "example.com")]
    [InlineData("http://example.com/v1.2/", "example.com")]
    [InlineData("http://example.com/.css", "example.com")]
    [InlineData("http://example.com/page?file=a.js", "example.com")]
    public void TryNormalize_PageWithDotsOrAssetLikeQuery_Kept(string raw, string expected) =>
        Assert.Equal(expected, Normalize(raw, new UrlNormalizationOptions { Level = UrlLevel.RegistrableDomain }).Token);

    [Fact]
    public void TryNormalize_StaticAssetExtensionsConfigured_ReplaceDefaults()
    {
        var options = new UrlNormalizationOptions { StaticAssetExtensions = [".XML"] };
        Assert.Equal(DropReason.StaticAsset, Normalize("http://example.com/feed.xml", options).Reason);
        Assert.Equal(DropReason.None, Normalize("http://example.com/a.js", options).Reason);
    }

    [Fact]
    public void TryNormalize_QueryByDefault_Dropped()
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.Path };
        Assert.False(options.KeepQuery);
        Assert.Equal("example.com/a", Normalize("http://example.com/a?b=2&q=a b", options).Token);
    }

    [Theory]
    [InlineData("http://example.com/a?b=2&a=1", "example.com/a?a=1&b=2")]
    [InlineData("http://example.com/a?utm_source=x&b=2&gclid=z&a=1&UTM_Medium=m&fbclid=q", "example.com/a?a=1&b=2")]
    [InlineData("http://example.com/a?utm_source=feedburner&utm_medium=feed", "example.com/a")]
    [InlineData("http://example.com/a?yclid=1&ysclid=2&msclkid=3&dclid=4&_ga=5&_gl=6&mc_cid=7&mc_eid=8&igshid=9", "example.com/a")]
    [InlineData("http://example.com/a?&&b=1&", "example.com/a?b=1")]
    [InlineData("http://example.com/a?q=caf%c3%a9&x=%41", "example.com/a?q=caf%C3%A9&x=A")]
    [InlineData("http://example.com/a?page=2&_=1391904000000", "example.com/a?page=2")]
    [InlineData("http://example.com/a?flav=rss20#frag", "example.com/a?flav=rss20")]
    [InlineData("http://example.com/a?ref=main", "example.com/a?ref=main")]
    [InlineData("http://example.com/a/b/c?x=1", "example.com/a?x=1")]
    public void TryNormalize_QueryKept_TrackingRemovedRestSorted(string raw, string expected) =>
        Assert.Equal(expected, Normalize(raw, KeepQuery()).Token);

    [Fact]
    public void TryNormalize_QueryKeptAtHostLevel_Ignored()
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.Host, KeepQuery = true };
        Assert.Equal("example.com", Normalize("http://example.com/a?b=1", options).Token);
    }

    [Fact]
    public void TryNormalize_TrackingParametersConfigured_ReplaceDefaults()
    {
        var options = KeepQuery();
        options.TrackingParameters = ["ref", "session*"];
        Assert.Equal(
            "example.com/a?utm_source=x",
            Normalize("http://example.com/a?ref=tw&sessionid=1&Session_Key=2&utm_source=x", options).Token);
    }

    [Fact]
    public void TryNormalize_SpaceInKeptQuery_IsInvalidUrl() =>
        Assert.Equal(DropReason.InvalidUrl, Normalize("http://example.com/a?q=a b", KeepQuery()).Reason);
}
