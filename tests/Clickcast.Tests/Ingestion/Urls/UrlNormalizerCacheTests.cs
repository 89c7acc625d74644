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
