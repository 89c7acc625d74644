using Clickcast.Events;
using Clickcast.Ingestion;

namespace Clickcast.Tests.Ingestion;

public sealed class UrlOutcomeMemoTests
{
    [Fact]
    public void TryGet_TheSameInstance_GivesItsOutcome_AnEqualCopyMisses()
    {
        var memo = new UrlOutcomeMemo();
        var url = "https://shop.example.com/cart";
        memo.Add(url, "shop.example.com/cart", DropReason.None);

        Assert.True(memo.TryGet(url, out var token, out var reason));
        Assert.Equal(("shop.example.com/cart", DropReason.None), (token, reason));
        Assert.False(memo.TryGet(new string(url.AsSpan()), out token, out reason));
        Assert.Equal((string.Empty, DropReason.None), (token, reason));
    }

    [Fact]
    public void Add_FillsEverySlot_AndALaterUrlOnlyDisplacesItsSlot()
    {
        var memo = new UrlOutcomeMemo();
        var urls = Enumerable.Range(0, UrlOutcomeMemo.Slots * 4).Select(i => "https://example.com/" + i).ToList();
        foreach (var url in urls)
        {
            memo.Add(url, url[8..], DropReason.None);
        }

        // Fixed memory: at most one remembered URL per slot, and the last one added is always there.
        var remembered = urls.Count(u => memo.TryGet(u, out _, out _));
        Assert.InRange(remembered, 1, UrlOutcomeMemo.Slots);
        Assert.True(memo.TryGet(urls[^1], out var token, out _));
        Assert.Equal("example.com/" + (urls.Count - 1), token);
    }

    public static TheoryData<string?, string?, string?> Rows => new()
    {
        { "https://www.shop.example.com/product/7?utm_source=x", "page_view", "Mozilla/5.0" },
        { "https://shop.example.com/product/7", null, "Mozilla/5.0" },
        { "https://shop.example.com/product/7", "purchase", "Googlebot/2.1" },
        { "https://cdn.example.com/app.js", " ", "Mozilla/5.0" },
        { "ht!tp:/ broken url", "page_view", "Googlebot/2.1" },
        { "ht!tp:/ broken url", "page_view", "Mozilla/5.0" },
        { null, "page_view", "Googlebot/2.1" },
        { "", "page_view", "Mozilla/5.0" },
        { "https://example.com/" + new string('a', 10_000), "page_view", "Googlebot/2.1" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void EventNormalizer_WithTheMemo_FirstAndRepeatedRowsAnswerAsWithout(string? url, string? eventType, string? userAgent)
    {
        var normalizer = new EventNormalizer(new IngestOptions());
        var memo = new UrlOutcomeMemo();
        var expected = normalizer.TryNormalize(url, eventType, userAgent, out var token, out var type, out var reason);

        for (var pass = 0; pass < 2; pass++)
        {
            var kept = normalizer.TryNormalize(url, eventType, userAgent, memo, out var memoToken, out var memoType, out var memoReason);
            Assert.Equal((expected, reason, type), (kept, memoReason, memoType));
            if (kept)
            {
                Assert.Equal(token, memoToken);
            }
        }

        // A bot's URL outcome is remembered too, and does not make a person's event with that URL a bot.
        var person = normalizer.TryNormalize(url, eventType, "Mozilla/5.0", out _, out _, out var personReason);
        Assert.Equal(person, normalizer.TryNormalize(url, eventType, "Mozilla/5.0", memo, out _, out _, out var memoPersonReason));
        Assert.Equal(personReason, memoPersonReason);
    }
}
