using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Tests.Ingestion;

public sealed class RowOutcomeMemoTests
{
    [Fact]
    public void TryGet_TheSameInstance_GivesItsOutcome_AnEqualCopyMisses()
    {
        var memo = new RowOutcomeMemo();
        var url = "https://shop.example.com/cart";
        memo.Add(url, -1, "shop.example.com/cart", DropReason.None);

        Assert.True(memo.TryGet(url, -1, out var token, out var reason));
        Assert.Equal(("shop.example.com/cart", DropReason.None), (token, reason));
        Assert.False(memo.TryGet(new string(url.AsSpan()), -1, out token, out reason));
        Assert.Equal((string.Empty, DropReason.None), (token, reason));
    }

    [Fact]
    public void Add_FillsEverySlot_AndALaterUrlOnlyDisplacesItsSlot()
    {
        var memo = new RowOutcomeMemo();
        var urls = Enumerable.Range(0, RowOutcomeMemo.Slots * 4).Select(i => "https://example.com/" + i).ToList();
        foreach (var url in urls)
        {
            memo.Add(url, -1, url[8..], DropReason.None);
        }

        // Fixed memory: at most one remembered URL per slot, and the last one added is always there.
        var remembered = urls.Count(u => memo.TryGet(u, -1, out _, out _));
        Assert.InRange(remembered, 1, RowOutcomeMemo.Slots);
        Assert.True(memo.TryGet(urls[^1], -1, out var token, out _));
        Assert.Equal("example.com/" + (urls.Count - 1), token);
    }

    [Fact]
    public void TryGet_AReaderSlotTakenOverByAnotherUrl_NeverGivesTheOtherUrlsOutcome()
    {
        var memo = new RowOutcomeMemo();
        var cart = "https://shop.example.com/cart";
        var asset = "https://cdn.example.com/app.js";
        memo.Add(cart, 5, "shop.example.com/cart", DropReason.None);

        // The reader cleared its table and now keeps another URL (or another instance of the same text) at slot 5.
        Assert.False(memo.TryGet(asset, 5, out _, out _));
        Assert.False(memo.TryGet(new string(cart.AsSpan()), 5, out _, out _));
        memo.Add(asset, 5, string.Empty, DropReason.StaticAsset);

        Assert.False(memo.TryGet(cart, 5, out _, out _));
        Assert.True(memo.TryGet(asset, 5, out var token, out var reason));
        Assert.Equal((string.Empty, DropReason.StaticAsset), (token, reason));
    }

    [Fact]
    public void TryGet_UrlsAtDistinctReaderSlots_NoneDisplacesAnother()
    {
        var memo = new RowOutcomeMemo();
        var urls = Enumerable.Range(0, RowOutcomeMemo.Slots).Select(i => "https://example.com/" + i).ToList();
        for (var slot = 0; slot < urls.Count; slot++)
        {
            memo.Add(urls[slot], slot, urls[slot][8..], DropReason.None);
        }

        // By the instance's hash code alone, some of them would share a memo slot.
        for (var slot = 0; slot < urls.Count; slot++)
        {
            Assert.True(memo.TryGet(urls[slot], slot, out var token, out _));
            Assert.Equal(urls[slot][8..], token);
        }
    }

    [Fact]
    public void IsBot_RunsOfAgents_AnswersAsTheFilter()
    {
        var bots = new BotFilter(new BotFilterOptions { MissingUserAgentIsBot = true });
        var memo = new RowOutcomeMemo();
        string?[] agents = ["Googlebot/2.1", "Googlebot/2.1", "Mozilla/5.0", null, "Mozilla/5.0", "-", "curl/8.0", new string("curl/8.0".AsSpan()), "Mozilla/5.0 (cubot; bot)"];

        Assert.Equal(agents.Select(bots.IsBot), agents.Select(a => memo.IsBot(a, bots)));
    }

    [Fact]
    public void IsBot_AnotherFilter_AskedAgain()
    {
        var memo = new RowOutcomeMemo();
        var defaults = new BotFilter(new BotFilterOptions());
        var none = new BotFilter(new BotFilterOptions { Enabled = false });

        Assert.True(memo.IsBot("Googlebot/2.1", defaults));
        Assert.False(memo.IsBot("Googlebot/2.1", none));
        Assert.True(memo.IsBot("Googlebot/2.1", defaults));
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
        var memo = new RowOutcomeMemo();
        var expected = normalizer.TryNormalize(url, eventType, userAgent, out var token, out var type, out var reason);

        for (var pass = 0; pass < 2; pass++)
        {
            // As readers give it: without a slot (a hash-code slot), and at a reader's slot.
            var kept = normalizer.TryNormalize(url, -1, eventType, userAgent, memo, out var memoToken, out var memoType, out var memoReason);
            Assert.Equal((expected, reason, type), (kept, memoReason, memoType));
            kept = normalizer.TryNormalize(url, 17, eventType, userAgent, memo, out memoToken, out memoType, out memoReason);
            Assert.Equal((expected, reason, type), (kept, memoReason, memoType));
            if (kept)
            {
                Assert.Equal(token, memoToken);
            }
        }

        // A bot's URL outcome is remembered too, and does not make a person's event with that URL a bot.
        var person = normalizer.TryNormalize(url, eventType, "Mozilla/5.0", out _, out _, out var personReason);
        Assert.Equal(person, normalizer.TryNormalize(url, 17, eventType, "Mozilla/5.0", memo, out _, out _, out var memoPersonReason));
        Assert.Equal(personReason, memoPersonReason);
    }
}
