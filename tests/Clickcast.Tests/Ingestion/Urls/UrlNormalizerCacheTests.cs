using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Tests.Ingestion.Urls;

public sealed class UrlNormalizerCacheTests
{
    private static readonly string[] Urls =
    [
        "http://www.example.com/blog/post-1",
        "http://example.com/blog/post-2?utm_source=x",
        "http://example.com/a.js?v=3",
        "javascript:void(0)",
        "https://stats.g.doubleclick.net/collect",
        "https://shop.example.co.uk/cart/",
        "http://пример.рф/",
    ];

    private static List<(bool Kept, string? Token, DropReason Reason)> Run(UrlNormalizer normalizer, int rounds)
    {
        var results = new List<(bool, string?, DropReason)>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var url in Urls)
            {
                // A fresh string each time, as a reader produces them: the cache must not rely on identity.
                var kept = normalizer.TryNormalize(new string(url.AsSpan()), out var token, out var reason);
                results.Add((kept, token, reason));
            }
        }

        return results;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(65_536)]
    public void TryNormalize_CachedOrEvicted_SameAnswersAsUncached(int capacity)
    {
        var expected = Run(new UrlNormalizer(new UrlNormalizationOptions { Level = UrlLevel.Path, CacheCapacity = 0 }), 3);
        var actual = Run(new UrlNormalizer(new UrlNormalizationOptions { Level = UrlLevel.Path, CacheCapacity = capacity }), 3);
        Assert.Equal(expected, actual);
    }

    /// <summary>Pages and garbage whose query or fragment must not change what a query-free cache answers.</summary>
    private static readonly string[] Pages =
    [
        "https://www.example.com/blog/post-1",
        "http://example.com",
        "http://example.com:80",
        "https://example.com:8443/a/b/",
        "https://EXAMPLE.com/A%7e/%41/./x/../y//index.html",
        "http://пример.рф/путь",
        "https://xn--e1afmkfd.xn--p1ai/",
        "http://example.com/a.js",
        "http://example.com/.htaccess",
        "https://stats.g.doubleclick.net/collect",
        "http://192.168.1.1/admin",
        "https://user:pw@example.com/p",
        "https://example.com/a b",
        "https://example.com/a ",
        "https://example.com\\x\\y",
        "  https://example.com/padded",
        "/relative/path",
        "javascript:void(0)",
        "http:",
        "http:/",
        "http://",
        "https://ex ample.com/",
        "",
        "   ",
        "\0",
        "ht!tp:/ broken url",
    ];

    private static readonly string[] Suffixes =
        ["", "?", "#", "?gclid=1a2b", "?gclid=3c4d#top", "#frag?x", "?q=a b ", "?utm_source=x&id=7", "? ", "?\t\r\n"];

    [Theory]
    [InlineData(false, UrlLevel.Path)]
    [InlineData(false, UrlLevel.Host)]
    [InlineData(false, UrlLevel.RegistrableDomain)]
    [InlineData(true, UrlLevel.Path)]
    public void TryNormalize_UrlsDifferingAfterQueryOrFragment_SameAnswersAsUncached(bool keepQuery, UrlLevel level)
    {
        UrlNormalizationOptions Options(int capacity) => new()
        {
            Level = level,
            KeepQuery = keepQuery,
            DefaultHost = "example.org",
            CacheCapacity = capacity,
        };

        var uncached = new UrlNormalizer(Options(0));
        var cached = new UrlNormalizer(Options(65_536));
        var urls = Pages.SelectMany(page => Suffixes.Select(suffix => page + suffix)).ToList();

        // Both orders, so each variant is once the first of its page (the one normalized) and once a cached answer.
        foreach (var url in urls.Concat(Enumerable.Reverse(urls)))
        {
            var expected = (uncached.TryNormalize(url, out var expectedToken, out var expectedReason), expectedToken, expectedReason);
            var actual = (cached.TryNormalize(new string(url.AsSpan()), out var actualToken, out var actualReason), actualToken, actualReason);
            Assert.True(expected == actual, $"'{url}': expected {expected}, cached {actual}");
        }
    }

    [Fact]
    public void TryNormalize_ClickIdsInQuery_OneCachedAnswerPerPage()
    {
        var normalizer = new UrlNormalizer(new UrlNormalizationOptions { Level = UrlLevel.Path });
        for (var click = 0; click < 1_000; click++)
        {
            Assert.True(normalizer.TryNormalize($"https://shop.example.com/product/7?gclid={click:x}", out var token, out _));
            Assert.Equal("shop.example.com/product", token);
        }

        Assert.Equal(1, normalizer.CachedCount);
    }

    [Fact]
    public void TryNormalize_KeepQuery_QueriesCachedApart()
    {
        var normalizer = new UrlNormalizer(new UrlNormalizationOptions { Level = UrlLevel.Path, KeepQuery = true });
        Assert.True(normalizer.TryNormalize("https://example.com/search?q=a", out var first, out _));
        Assert.True(normalizer.TryNormalize("https://example.com/search?q=b", out var second, out _));
        Assert.NotEqual(first, second);
        Assert.Equal(2, normalizer.CachedCount);
    }

    [Fact]
    public void TryNormalize_UrlsWithTheSameToken_ShareOneString()
    {
        var normalizer = new UrlNormalizer(new UrlNormalizationOptions { Level = UrlLevel.Path });
        Assert.True(normalizer.TryNormalize("http://example.com/blog/a", out var first, out _));
        Assert.True(normalizer.TryNormalize("https://www.example.com/blog/b?x=1", out var second, out _));
        Assert.Equal("example.com/blog", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Constructor_OptionsChangedLater_DoesNotAffectNormalizer()
    {
        var options = new UrlNormalizationOptions { Level = UrlLevel.Host };
        var normalizer = new UrlNormalizer(options);
        options.Level = UrlLevel.Path;
        options.TechnicalDomains = ["example.com"];
        Assert.True(normalizer.TryNormalize("http://example.com/a", out var token, out _));
        Assert.Equal("example.com", token);
    }

    [Fact]
    public async Task TryNormalize_ManyThreadsOneInstance_SameAnswers()
    {
        var normalizer = new UrlNormalizer(new UrlNormalizationOptions { Level = UrlLevel.Path, CacheCapacity = 4 });
        var expected = Run(new UrlNormalizer(new UrlNormalizationOptions { Level = UrlLevel.Path, CacheCapacity = 0 }), 200);
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Run(normalizer, 200), TestContext.Current.CancellationToken));
        foreach (var actual in await Task.WhenAll(runs))
        {
            Assert.Equal(expected, actual);
        }
    }
}
