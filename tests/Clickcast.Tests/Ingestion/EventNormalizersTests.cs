using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Tests.Ingestion;

public sealed class EventNormalizersTests
{
    [Fact]
    public void For_SameSettings_OneNormalizer_OtherSettings_Another()
    {
        var normalizers = new EventNormalizers();
        var paths = new IngestOptions { Urls = { Level = UrlLevel.Path } };
        var hosts = new IngestOptions { Urls = { Level = UrlLevel.Host } };

        var first = normalizers.For(IngestSettings.Fingerprint(paths), paths);
        var again = normalizers.For(IngestSettings.Fingerprint(new IngestOptions { Urls = { Level = UrlLevel.Path } }), paths);
        var other = normalizers.For(IngestSettings.Fingerprint(hosts), hosts);

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.True(other.TryNormalize("https://shop.example.com/cart", null, null, out var token, out _, out _));
        Assert.Equal("shop.example.com", token);
    }

    [Fact]
    public void For_MoreSettingsThanKept_StaysBounded()
    {
        var normalizers = new EventNormalizers();
        for (var i = 0; i < EventNormalizers.MaxSettings * 3; i++)
        {
            var options = new IngestOptions { DefaultEventType = "type-" + i };
            var normalizer = normalizers.For(IngestSettings.Fingerprint(options), options);

            Assert.True(normalizer.TryNormalize("https://example.com/", null, null, out _, out var type, out _));
            Assert.Equal("type-" + i, type);
            Assert.InRange(normalizers.Count, 1, EventNormalizers.MaxSettings);
        }
    }

    /// <summary>Rows whose answers a small cache forgets and finds again while other threads use it.</summary>
    private static readonly (string Url, string UserAgent)[] Rows =
    [
        .. Enumerable.Range(0, 40).Select(i => ($"https://www.shop.example.com/p/{i % 13}?gclid={i}", i % 3 == 0 ? "Googlebot/2.1" : $"Mozilla/5.0 (X{i % 7})")),
        ("https://cdn.example.com/app.js", "Mozilla/5.0"),
        ("ht!tp:/ broken url", "Mozilla/5.0"),
        ("https://www.google-analytics.com/collect?v=1", "curl/8.0"),
        ("https://blog.example.com/a/./b/../c/", "Mozilla/5.0 (X1)"),
    ];

    [Fact]
    public async Task SharedNormalizer_ManyThreadsWithTinyCaches_EveryAnswerAsAFreshUncachedOne()
    {
        var uncached = new EventNormalizer(new IngestOptions { Urls = { CacheCapacity = 0 }, Bots = { CacheCapacity = 0 } });
        var expected = Rows.Select(r => Answer(uncached, r.Url, r.UserAgent)).ToArray();
        var shared = new EventNormalizer(new IngestOptions { Urls = { CacheCapacity = 3 }, Bots = { CacheCapacity = 2 } });

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(
            () =>
            {
                var wrong = 0;
                for (var pass = 0; pass < 200; pass++)
                {
                    for (var i = 0; i < Rows.Length; i++)
                    {
                        // Each worker walks the rows in another order; fresh strings, as readers of other files make them.
                        var row = (i * (worker + 1) * 7 + pass) % Rows.Length;
                        var (url, agent) = Rows[row];
                        if (Answer(shared, new string(url.AsSpan()), new string(agent.AsSpan())) != expected[row])
                        {
                            wrong++;
                        }
                    }
                }

                return wrong;
            },
            TestContext.Current.CancellationToken));

        Assert.All(await Task.WhenAll(workers), wrong => Assert.Equal(0, wrong));
    }

    private static (bool Kept, string Token, string Type, DropReason Reason) Answer(EventNormalizer normalizer, string url, string userAgent)
    {
        var kept = normalizer.TryNormalize(url, null, userAgent, out var token, out var type, out var reason);
        return (kept, token, type, reason);
    }
}
