using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Tests.Ingestion;

public sealed class RowOutcomeMemoTests
{
    [Fact]
    public void TryGet_TheSameInstance_GivesItsOutcome_AnEqualCopyMisses()
    {
        var memo = new RowOutcomeMemo();
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
        var memo = new RowOutcomeMemo();
        var urls = Enumerable.Range(0, RowOutcomeMemo.Slots * 4).Select(i => "https://example.com/" + i).ToList();
        foreach (var url in urls)
        {
            memo.Add(url, url[8..], DropReason.None);
        }

        // Fixed memory: at most one remembered URL per slot, and the last one added is always there.
        var remembered = urls.Count(u => memo.TryGet(u, out _, out _));
        Assert.InRange(remembered, 1, RowOutcomeMemo.Slots);
        Assert.True(memo.TryGet(urls[^1], out var token, out _));
        Assert.Equal("example.com/" + (urls.Count - 1), token);
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
            var kept = normalizer.TryNormalize(url, default, eventType, userAgent, memo, out var memoToken, out var memoType, out var memoReason);
            Assert.Equal((expected, reason, type), (kept, memoReason, memoType));
            if (kept)
            {
                Assert.Equal(token, memoToken);
            }
        }

        // A bot's URL outcome is remembered too, and does not make a person's event with that URL a bot.
        var person = normalizer.TryNormalize(url, eventType, "Mozilla/5.0", out _, out _, out var personReason);
        Assert.Equal(person, normalizer.TryNormalize(url, default, eventType, "Mozilla/5.0", memo, out _, out _, out var memoPersonReason));
        Assert.Equal(personReason, memoPersonReason);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void EventNormalizer_WithTheReadersOutcome_AnswersAsWithout(string? url, string? eventType, string? userAgent)
    {
        var normalizer = new EventNormalizer(new IngestOptions());
        var expected = normalizer.TryNormalize(url, eventType, userAgent, out var token, out var type, out var reason);
        if (url is null)
        {
            return;
        }

        // As the Avro reader hands it out: asked once when it took the URL in, then given with every row of it.
        var known = normalizer.OutcomeOf(url);
        var kept = normalizer.TryNormalize(url, known, eventType, userAgent, new RowOutcomeMemo(), out var knownToken, out var knownType, out var knownReason);

        Assert.True(known.IsKnown);
        Assert.Equal((expected, token, type, reason), (kept, knownToken, knownType, knownReason));
    }

    [Fact]
    public void EventNormalizer_AKnownOutcome_IsTakenAsTheReaderKeptIt()
    {
        var normalizer = new EventNormalizer(new IngestOptions());

        // The reader's answer is used as it is, not asked again (a different answer shows which one was taken).
        Assert.True(normalizer.TryNormalize("https://shop.example.com/cart", new UrlOutcome("kept/token", DropReason.None), "page_view", "Mozilla/5.0", new RowOutcomeMemo(), out var token, out _, out _));
        Assert.Equal("kept/token", token);
        Assert.False(normalizer.TryNormalize("https://shop.example.com/cart", new UrlOutcome(string.Empty, DropReason.StaticAsset), "page_view", "Mozilla/5.0", null, out _, out _, out var reason));
        Assert.Equal(DropReason.StaticAsset, reason);
        Assert.False(normalizer.TryNormalize("https://shop.example.com/cart", new UrlOutcome("kept/token", DropReason.None), "page_view", "Googlebot/2.1", null, out _, out _, out reason));
        Assert.Equal(DropReason.Bot, reason);
    }

    [Fact]
    public void EventNormalizer_RowsWithTheReadersOutcome_AllocateNoUrlTable()
    {
        var normalizer = new EventNormalizer(new IngestOptions());
        var memo = new RowOutcomeMemo();
        var url = "https://shop.example.com/cart";

        // Avro rows carry their URL's outcome: the memo's 1.5 MiB table is for readers without one.
        _ = normalizer.TryNormalize(url, normalizer.OutcomeOf(url), "page_view", "Mozilla/5.0", memo, out _, out _, out _);
        _ = normalizer.TryNormalize(url, normalizer.OutcomeOf(url), "page_view", "Googlebot/2.1", memo, out _, out _, out _);
        Assert.False(memo.HasUrlTable);
        Assert.False(memo.TryGet(url, out _, out _));

        _ = normalizer.TryNormalize(url, default, "page_view", "Mozilla/5.0", memo, out _, out _, out _);
        Assert.True(memo.HasUrlTable);
        Assert.True(memo.TryGet(url, out var token, out _));
        Assert.Equal("shop.example.com/cart", token);
    }
}
