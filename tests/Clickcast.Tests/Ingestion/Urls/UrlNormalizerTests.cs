using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Tests.Ingestion.Urls;

public sealed class UrlNormalizerTests
{
    private static UrlNormalizationOptions PathLevel(int segments = 1) =>
        new() { Level = UrlLevel.Path, PathSegments = segments };

    private static string Token(string raw, UrlNormalizationOptions options)
    {
        var normalizer = new UrlNormalizer(options);
        Assert.True(normalizer.TryNormalize(raw, out var token, out var reason), $"'{raw}' was dropped as {reason}");
        Assert.Equal(DropReason.None, reason);
        return token;
    }

    private static DropReason Drop(string raw, UrlNormalizationOptions options)
    {
        var normalizer = new UrlNormalizer(options);
        Assert.False(normalizer.TryNormalize(raw, out var token, out var reason), $"'{raw}' gave '{token}'");
        Assert.Null(token);
        return reason;
    }

    [Fact]
    public void Options_Defaults_KeepHostAndFirstPathSegment()
    {
        // A default that cut to registrable domains made the README's target (shop.example.com/checkout) unmatchable.
        var options = new UrlNormalizationOptions();
        Assert.Equal(UrlLevel.Path, options.Level);
        Assert.Equal("shop.example.co.uk/a", Token("https://shop.example.co.uk/a/b?c=d", options));
    }

    [Theory]
    [InlineData("HTTPS://Example.COM/Path", "example.com/Path")]
    [InlineData("http://example.com/Path", "example.com/Path")]
    [InlineData("https://user:secret@example.com/Path", "example.com/Path")]
    [InlineData("https://example.com./Path", "example.com/Path")]
    [InlineData("  https://example.com/Path \r\n", "example.com/Path")]
    public void TryNormalize_SchemeCaseUserInfoAndFraming_Removed(string raw, string expected) =>
        Assert.Equal(expected, Token(raw, PathLevel()));

    [Theory]
    [InlineData("http://www.example.com/a", "example.com/a")]
    [InlineData("http://m.example.com/a", "example.com/a")]
    [InlineData("http://www.m.example.com/a", "example.com/a")]
    [InlineData("http://shop.example.com/a", "shop.example.com/a")]
    [InlineData("http://www.com/a", "www.com/a")]
    [InlineData("http://wwwexample.com/a", "wwwexample.com/a")]
    public void TryNormalize_WwwAndMobileSubdomain_StrippedWhileADomainRemains(string raw, string expected) =>
        Assert.Equal(expected, Token(raw, PathLevel()));

    [Fact]
    public void TryNormalize_StrippedSubdomainsConfigured_ReplacesDefaults()
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.Host, StrippedSubdomains = ["www2"] };
        Assert.Equal("www.example.com", Token("http://www.example.com/", options));
        Assert.Equal("example.com", Token("http://www2.example.com/", options));
    }

    [Theory]
    [InlineData("http://example.com:80/a", "example.com/a")]
    [InlineData("https://example.com:443/a", "example.com/a")]
    [InlineData("http://example.com:/a", "example.com/a")]
    [InlineData("http://example.com:8080/a", "example.com:8080/a")]
    [InlineData("http://example.com:08080/a", "example.com:8080/a")]
    public void TryNormalize_Ports_DefaultOnesDropped(string raw, string expected) =>
        Assert.Equal(expected, Token(raw, PathLevel()));

    [Fact]
    public void TryNormalize_PortAtRegistrableDomain_Dropped() =>
        Assert.Equal("example.com", Token("http://www.example.com:8080/a", new UrlNormalizationOptions { Level = UrlLevel.RegistrableDomain }));

    [Theory]
    [InlineData("http://example.com/a#top")]
    [InlineData("http://example.com/a/#/route/1")]
    [InlineData("http://example.com/a?x=1#top")]
    [InlineData("http://example.com/a/")]
    [InlineData("http://example.com//a//")]
    [InlineData("http://example.com/a/b/")]
    public void TryNormalize_FragmentsQueryAndTrailingSlash_GiveOneToken(string raw) =>
        Assert.Equal("example.com/a", Token(raw, PathLevel()));

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("http://example.com/")]
    [InlineData("http://example.com//")]
    [InlineData("http://example.com?x=1")]
    [InlineData("http://example.com#top")]
    public void TryNormalize_EmptyPath_GivesHostOnly(string raw) =>
        Assert.Equal("example.com", Token(raw, PathLevel()));

    [Theory]
    [InlineData("http://example.com/%7Euser/%61%62c", "example.com/~user/abc")]
    [InlineData("http://example.com/a%2fb/c", "example.com/a%2Fb/c")]
    [InlineData("http://example.com/caf%c3%a9", "example.com/caf%C3%A9")]
    [InlineData("http://example.com/café", "example.com/caf%C3%A9")]
    [InlineData("http://example.com/100%", "example.com/100%25")]
    [InlineData("http://example.com/100%zz", "example.com/100%25zz")]
    [InlineData("http://example.com/a\"b<c>", "example.com/a%22b%3Cc%3E")]
    [InlineData("http://example.com/tags/jquery%20mobile", "example.com/tags/jquery%20mobile")]
    public void TryNormalize_PercentEncoding_MadeCanonical(string raw, string expected) =>
        Assert.Equal(expected, Token(raw, PathLevel(3)));

    [Theory]
    [InlineData("http://example.com/a/./b/../c", "example.com/a/c")]
    [InlineData("http://example.com/../../a", "example.com/a")]
    [InlineData("http://example.com/a/%2E%2E/b", "example.com/b")]
    [InlineData("http://example.com\\a\\b", "example.com/a/b")]
    public void TryNormalize_DotSegmentsAndBackslashes_Resolved(string raw, string expected) =>
        Assert.Equal(expected, Token(raw, PathLevel(3)));

    [Fact]
    public void TryNormalize_LowercasePath_LowersLettersButNotEscapes()
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 2, LowercasePath = true };
        Assert.Equal("example.com/products/%C3%84", Token("http://Example.com/Products/%c3%84", options));
        Assert.Equal("example.com/Products", Token("http://example.com/Products", PathLevel()));
    }

    [Theory]
    [InlineData(UrlLevel.RegistrableDomain, 1, "example.co.uk")]
    [InlineData(UrlLevel.Host, 1, "shop.example.co.uk:8080")]
    [InlineData(UrlLevel.Path, 0, "shop.example.co.uk:8080")]
    [InlineData(UrlLevel.Path, 1, "shop.example.co.uk:8080/a")]
    [InlineData(UrlLevel.Path, 2, "shop.example.co.uk:8080/a/b")]
    [InlineData(UrlLevel.Path, 5, "shop.example.co.uk:8080/a/b/c")]
    public void TryNormalize_Level_CutsToken(UrlLevel level, int segments, string expected)
    {
        var options = new UrlNormalizationOptions { Level = level, PathSegments = segments };
        Assert.Equal(expected, Token("https://www.shop.example.co.uk:8080/a/b/c/?q=1#f", options));
    }

    [Theory]
    [InlineData("http://alice.github.io/x", "alice.github.io")]
    [InlineData("http://github.io/x", "github.io")]
    [InlineData("http://www.example.com/x", "example.com")]
    [InlineData("http://intranet/x", "intranet")]
    [InlineData("http://a.b.example.unknowntld/x", "example.unknowntld")]
    public void TryNormalize_RegistrableDomain_FollowsPublicSuffixList(string raw, string expected) =>
        Assert.Equal(expected, Token(raw, new UrlNormalizationOptions { Level = UrlLevel.RegistrableDomain }));

    [Fact]
    public void TryNormalize_PrivateSuffixesOff_CutsToTheOwnerOfThePrivateSuffix()
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.RegistrableDomain, UsePrivatePublicSuffixes = false };
        Assert.Equal("github.io", Token("http://alice.github.io/x", options));
        Assert.Equal("blogspot.com", Token("http://bob.blogspot.com/", options));
    }

    [Theory]
    [InlineData("http://пример.рф/a")]
    [InlineData("http://ПРИМЕР.РФ/a")]
    [InlineData("http://xn--e1afmkfd.xn--p1ai/a")]
    [InlineData("http://XN--E1AFMKFD.XN--P1AI/a")]
    [InlineData("http://www.пример.рф/a")]
    [InlineData("http://пример。рф/a")]
    [InlineData("http://%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84/a")]
    public void TryNormalize_InternationalizedHost_OnePunycodeToken(string raw) =>
        Assert.Equal("xn--e1afmkfd.xn--p1ai/a", Token(raw, PathLevel()));

    [Fact]
    public void TryNormalize_InternationalizedHostAtRegistrableDomain_UsesUnicodeSuffixRules() =>
        Assert.Equal("xn--e1afmkfd.xn--p1ai", Token("https://магазин.пример.рф/", new UrlNormalizationOptions { Level = UrlLevel.RegistrableDomain }));

    [Theory]
    [InlineData("/blog/tags/puppet?flav=rss20", "semicomplete.com/blog")]
    [InlineData("/", "semicomplete.com")]
    [InlineData("//wp-login.php", "semicomplete.com/wp-login.php")]
    [InlineData("http://other.org/x/y", "other.org/x")]
    public void TryNormalize_PathWithDefaultHost_UsesDefaultHost(string raw, string expected)
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.Path, DefaultHost = "semicomplete.com" };
        Assert.Equal(expected, Token(raw, options));
    }

    [Theory]
    [InlineData("https://www.Semicomplete.com/")]
    [InlineData("semicomplete.com")]
    [InlineData("WWW.SEMICOMPLETE.COM:443")]
    public void TryNormalize_DefaultHostWrittenLoosely_IsNormalized(string defaultHost)
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.Path, DefaultHost = defaultHost };
        Assert.Equal("semicomplete.com/blog", Token("/blog/", options));
    }

    [Fact]
    public void TryNormalize_PathWithoutDefaultHost_IsInvalid() =>
        Assert.Equal(DropReason.InvalidUrl, Drop("/blog/", PathLevel()));

    [Fact]
    public void Constructor_InvalidDefaultHost_Throws() =>
        Assert.Throws<ArgumentException>(() => new UrlNormalizer(new UrlNormalizationOptions { DefaultHost = "not a host" }));

    [Theory]
    [InlineData(-1, 4096, 0)]
    [InlineData(33, 4096, 0)]
    [InlineData(1, 8, 0)]
    [InlineData(1, 4096, -1)]
    public void Constructor_OutOfRangeSettings_Throw(int segments, int maxLength, int cacheCapacity) =>
        Assert.ThrowsAny<ArgumentException>(() => new UrlNormalizer(new UrlNormalizationOptions
        {
            PathSegments = segments,
            MaxLength = maxLength,
            CacheCapacity = cacheCapacity,
        }));

    [Fact]
    public void TryNormalize_LongerThanMaxLength_TooLong()
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.RegistrableDomain, MaxLength = 64 };
        var prefix = "http://example.com/";
        Assert.Equal("example.com", Token(prefix + new string('a', 64 - prefix.Length), options));
        Assert.Equal(DropReason.UrlTooLong, Drop(prefix + new string('a', 65 - prefix.Length), options));
    }

    [Fact]
    public void TryNormalize_MegabyteUrl_RejectedAsTooLongWithoutParsing()
    {
        // Unparseable after the first characters: only the length check can answer UrlTooLong.
        var huge = "::::" + new string('a', 1 << 20);
        var normalizer = new UrlNormalizer(new UrlNormalizationOptions());
        Assert.False(normalizer.TryNormalize(huge, out _, out var reason));
        Assert.Equal(DropReason.UrlTooLong, reason);
    }

    [Theory]
    [InlineData("http://")]
    [InlineData("https:///a")]
    [InlineData("::::")]
    [InlineData(":")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("ftp://example.com/a")]
    [InlineData("example.com/a")]
    [InlineData("http:/example.com/a")]
    [InlineData("http:example.com")]
    [InlineData("http://exa mple.com/")]
    [InlineData("http://example.com/a b")]
    [InlineData("http://example.com/a\tb")]
    [InlineData("http://example.com/a\u0001b")]
    [InlineData("http://example.com/a\u0085b")]
    [InlineData("http://exa\u0000mple.com/")]
    [InlineData("http://ex<ample.com/")]
    [InlineData("http://example..com/")]
    [InlineData("http://.example.com/")]
    [InlineData("http://example.com:99999/")]
    [InlineData("http://example.com:8o/")]
    [InlineData("http://example.com:80:80/")]
    [InlineData("http://[::1/")]
    [InlineData("http://[example.com]/")]
    [InlineData("http://999.1.1.1/")]
    [InlineData("http://1.2.3/")]
    [InlineData("http://%zz.com/")]
    [InlineData("http://%FF.com/")]
    [InlineData("?a=1")]
    [InlineData("#top")]
    [InlineData("*")]
    [InlineData("1234")]
    public void TryNormalize_Garbage_IsInvalidUrl(string raw) =>
        Assert.Equal(DropReason.InvalidUrl, Drop(raw, new UrlNormalizationOptions()));

    [Fact]
    public void TryNormalize_LoneSurrogate_IsInvalidUrl()
    {
        // Built in code: attribute data cannot carry broken UTF-16 intact.
        var raw = "http://example.com/a" + (char)0xD800 + "b";
        Assert.Equal(DropReason.InvalidUrl, Drop(raw, new UrlNormalizationOptions()));
    }

    [Fact]
    public void TryNormalize_LabelLongerThan63_IsInvalidUrl() =>
        Assert.Equal(DropReason.InvalidUrl, Drop($"http://{new string('a', 64)}.com/", new UrlNormalizationOptions()));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n")]
    public void TryNormalize_Blank_IsMissingUrl(string raw) =>
        Assert.Equal(DropReason.MissingUrl, Drop(raw, new UrlNormalizationOptions()));

    [Fact]
    public void TryNormalize_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new UrlNormalizer(new UrlNormalizationOptions()).TryNormalize(null!, out _, out _));

    [Fact]
    public void TryNormalize_OtherSchemeAllowed_IsParsedLikeWebUrls()
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.Host, AllowedSchemes = ["HTTPS", "android-app"] };
        Assert.Equal("com.example.app", Token("android-app://com.example.app/http/host/path", options));
        Assert.Equal("example.com", Token("https://example.com/", options));
        Assert.Equal(DropReason.InvalidUrl, Drop("http://example.com/", options));
    }

    [Theory]
    [InlineData("http://93.184.216.34/a", "93.184.216.34/a")]
    [InlineData("http://093.184.216.034/a", "93.184.216.34/a")]
    [InlineData("http://[2001:DB8:0:0::1]:8080/a", "[2001:db8::1]:8080/a")]
    public void TryNormalize_IpHostsKept_AreCanonical(string raw, string expected)
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.Path, DropIpAddressHosts = false };
        Assert.Equal(expected, Token(raw, options));
    }

    [Fact]
    public void TryNormalize_IpHostAtRegistrableDomain_IsTheAddress()
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.RegistrableDomain, DropIpAddressHosts = false };
        Assert.Equal("93.184.216.34", Token("http://93.184.216.34:8080/a", options));
    }
}
