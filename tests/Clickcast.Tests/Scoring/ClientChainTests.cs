using Clickcast.Ingestion.Urls;
using Clickcast.Scoring;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Scoring;

public sealed class ClientChainTests
{
    private static readonly string[] Urls = ["a.example.com/1", "a.example.com/2", "b.example.com/3", "b.example.com/4", "c.example.com/5"];

    [Theory]
    [InlineData(50, null, 200, "a1 a2 b3 b4 c5", "11111")] // time mode: every event read
    [InlineData(3, null, 200, "a1 a2 b3 b4 c5", "00111")] // the model's length cap: the newest 3
    [InlineData(50, 2, 200, "a1 a2 b3 b4 c5", "00011")] // position mode: the newest k
    [InlineData(1, 2, 200, "a1 a2 b3 b4 c5", "00001")] // both: the smaller
    [InlineData(50, 2, 3, "b3 b4 c5", "011")] // the lookup's cap keeps the newest events
    [InlineData(50, null, 0, "", "")]
    public void Of_KeepsTheNewestAndMarksWhatTheModelReads(int maxLength, int? observedEvents, int cap, string expected, string observed)
    {
        var chain = ClientChain.Of(TestSequences.Views("client", Urls), maxLength, cutter: null, observedEvents, cap);

        Assert.Equal(expected, string.Join(' ', chain.Select(e => $"{e.Token[0]}{e.Token[^1]}")));
        Assert.Equal(observed, string.Concat(chain.Select(e => e.Observed ? '1' : '0')));
    }

    [Fact]
    public void Of_SameWindowAsTheScorerInput()
    {
        var sequence = TestSequences.Views("client", Urls);

        var chain = ClientChain.Of(sequence, maxLength: 4, cutter: null, observedEvents: 3);
        var input = Scorer.InputOf(sequence, maxLength: 4, asOfMicros: TestSequences.Day(30), cutter: null, observedEvents: 3);

        Assert.Equal(input.Urls, chain.Where(e => e.Observed).Select(e => e.Token));
    }

    [Fact]
    public void Of_TokensAtTheTaskLevel_TimesAndTypesOldestFirst()
    {
        var sequence = TestSequences.Of("client", (0, "shop.example.com/cart/item", "page_view"), (1.5, "shop.example.com/checkout/pay", "click"));

        var chain = ClientChain.Of(sequence, maxLength: 50, new UrlTokenCutter(UrlLevel.Host), observedEvents: null);

        Assert.Equal(["shop.example.com", "shop.example.com"], chain.Select(e => e.Token));
        Assert.Equal(["page_view", "click"], chain.Select(e => e.EventType));
        Assert.Equal([TestSequences.Day(0), TestSequences.Day(1.5)], chain.Select(e => (e.At - DateTimeOffset.UnixEpoch).Ticks / 10));
    }
}
