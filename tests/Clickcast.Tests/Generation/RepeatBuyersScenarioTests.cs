using Clickcast.Generation;

namespace Clickcast.Tests.Generation;

public sealed class RepeatBuyersScenarioTests
{
    private static readonly GeneratorOptions Options = new()
    {
        Clients = 3_000, Days = 28, BotShare = 0, JunkShare = 0, Scenario = GeneratorScenario.RepeatBuyers, Seed = 5,
    };

    private static List<GeneratedClick> Generate()
    {
        var clicks = new List<GeneratedClick>();
        new ClickstreamGenerator(Options).Generate(clicks.Add);
        return clicks;
    }

    [Fact]
    public void Generate_RepeatBuyers_AllTypesLandOnProductPagesSoOnlyTheTypeTellsAPurchase()
    {
        var clicks = Generate();

        Assert.Equal(["add_to_cart", "page_view", "purchase"], clicks.Select(c => c.EventType).Distinct().Order(StringComparer.Ordinal));
        Assert.All(clicks, c => Assert.StartsWith("https://shop.example.com/product/", c.Url, StringComparison.Ordinal));
        Assert.InRange(clicks.Count(c => c.EventType == "purchase") / (double)clicks.Count, 0.005, 0.1);
    }

    [Fact]
    public void Generate_RepeatBuyers_PastBuyersBuyAgainMoreOften()
    {
        var split = Options.Start.AddDays(21).ToUnixTimeMilliseconds();
        var clients = Generate().GroupBy(c => c.ClientId).Select(g => (
            Before: g.Count(c => c.EventType == "purchase" && c.TimestampMillis < split),
            After: g.Any(c => c.EventType == "purchase" && c.TimestampMillis >= split),
            ViewsBefore: g.Count(c => c.EventType == "page_view" && c.TimestampMillis < split))).ToList();

        double Rate(Func<(int Before, bool After, int ViewsBefore), bool> group) =>
            clients.Where(group).Count(c => c.After) / (double)clients.Count(group);

        var buyers = Rate(c => c.Before > 0);
        var others = Rate(c => c.Before == 0 && c.ViewsBefore > 0);
        Assert.True(buyers > 2 * others, $"bought before: {buyers:P1} buy again; browsed only: {others:P1}");
    }

    [Fact]
    public void Generate_SameSeed_SameClicks() => Assert.Equal(Generate(), Generate());
}
