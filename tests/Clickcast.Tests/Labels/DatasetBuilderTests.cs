using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Labels;

public sealed class DatasetBuilderTests
{
    private static readonly TargetDefinition Checkout = new() { UrlPattern = "shop.com/checkout", Match = UrlMatchKind.Prefix };

    private static LabelingOptions TimeWindow(double cutoffDay, double horizonDays) => new()
    {
        Cutoff = DateTimeOffset.FromUnixTimeMilliseconds(TestSequences.Day(cutoffDay) / 1000),
        Horizon = TimeSpan.FromDays(horizonDays),
    };

    [Fact]
    public void Build_TimeMode_FeaturesStopAtCutoffAndLabelComesFromHorizon()
    {
        var client = TestSequences.Of("c1", (1, "shop.com/a", "page_view"), (2, "shop.com/b", "page_view"), (4, "shop.com/checkout", "page_view"), (20, "shop.com/c", "page_view"));

        var dataset = DatasetBuilder.Build([client], Checkout, TimeWindow(cutoffDay: 3, horizonDays: 7));

        var example = Assert.Single(dataset.Examples);
        Assert.True(example.Label);
        Assert.Equal(["shop.com/a", "shop.com/b"], example.Urls);
        Assert.All(example.TimesMicros, t => Assert.True(t <= TestSequences.Day(3)));
    }

    [Fact]
    public void Build_TargetAfterHorizon_IsNegative()
    {
        var client = TestSequences.Of("c1", (1, "shop.com/a", "page_view"), (12, "shop.com/checkout", "page_view"));

        var dataset = DatasetBuilder.Build([client], Checkout, TimeWindow(cutoffDay: 3, horizonDays: 7));

        Assert.False(Assert.Single(dataset.Examples).Label);
    }

    [Fact]
    public void Build_TargetExactlyAtCutoff_IsAPriorConversionNotALabel()
    {
        // (T, T+H] is open at T: an event at T is observed, so it can never leak into the label.
        var client = TestSequences.Of("c1", (1, "shop.com/a", "page_view"), (3, "shop.com/checkout", "page_view"), (5, "shop.com/checkout", "page_view"));

        var dataset = DatasetBuilder.Build([client], Checkout, TimeWindow(cutoffDay: 3, horizonDays: 7));

        Assert.Empty(dataset.Examples);
        Assert.Equal(1, dataset.Summary.PriorConverters);
    }

    [Fact]
    public void Build_PriorConvertersIncluded_WhenConfigured()
    {
        var client = TestSequences.Of("c1", (1, "shop.com/checkout", "page_view"), (5, "shop.com/checkout", "page_view"));
        var options = TimeWindow(3, 7);
        options.ExcludePriorConverters = false;

        var example = Assert.Single(DatasetBuilder.Build([client], Checkout, options).Examples);

        Assert.True(example.Label);
        Assert.Equal(["shop.com/checkout"], example.Urls);
    }

    [Fact]
    public void Build_ClientWithoutHistoryBeforeCutoff_IsLeftOut()
    {
        var dataset = DatasetBuilder.Build([TestSequences.Of("late", (5, "shop.com/a", "page_view"))], Checkout, TimeWindow(3, 7));

        Assert.Empty(dataset.Examples);
        Assert.Equal(1, dataset.Summary.NoHistory);
    }

    [Fact]
    public void Build_Inverted_FlipsLabels()
    {
        var target = new TargetDefinition { UrlPattern = "shop.com/checkout", Invert = true };
        var converts = TestSequences.Of("c1", (1, "shop.com/a", "page_view"), (4, "shop.com/checkout", "page_view"));
        var stays = TestSequences.Of("c2", (1, "shop.com/a", "page_view"), (4, "shop.com/b", "page_view"));

        var dataset = DatasetBuilder.Build([converts, stays], target, TimeWindow(3, 7));

        Assert.False(dataset.Examples.Single(e => e.ClientId == "c1").Label);
        Assert.True(dataset.Examples.Single(e => e.ClientId == "c2").Label);
    }

    [Fact]
    public void Build_EventTypeTarget_MatchesType()
    {
        var target = new TargetDefinition { EventType = "purchase" };
        var client = TestSequences.Of("c1", (1, "shop.com/a", "page_view"), (4, "shop.com/thanks", "purchase"));

        Assert.True(Assert.Single(DatasetBuilder.Build([client], target, TimeWindow(3, 7)).Examples).Label);
    }

    [Fact]
    public void Build_DefaultCutoff_IsOneHorizonBeforeLatestEvent()
    {
        var client = TestSequences.Of("c1", (0, "shop.com/a", "page_view"), (10, "shop.com/b", "page_view"));

        var dataset = DatasetBuilder.Build([client], Checkout, new LabelingOptions { Horizon = TimeSpan.FromDays(7) });

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(TestSequences.Day(3) / 1000), dataset.Summary.Cutoff);
    }

    [Fact]
    public void Build_PositionMode_ObservesFirstKAndLabelsTheRest()
    {
        var target = new TargetDefinition { UrlPattern = "business", Match = UrlMatchKind.Exact };
        var options = new LabelingOptions { Mode = LabelingMode.Position, ObservedEvents = 1 };
        ClientSequence[] clients =
        [
            TestSequences.Views("later", "news", "sports", "business"),
            TestSequences.Views("never", "news", "sports"),
            TestSequences.Views("single", "news"),
            TestSequences.Views("first", "business", "news"),
        ];

        var dataset = DatasetBuilder.Build(clients, target, options);

        Assert.Equal(["later", "never"], dataset.Examples.Select(e => e.ClientId).Order());
        Assert.True(dataset.Examples.Single(e => e.ClientId == "later").Label);
        Assert.Equal(["news"], dataset.Examples.Single(e => e.ClientId == "later").Urls);
        Assert.Equal(1, dataset.Summary.PriorConverters);
        Assert.Equal(1, dataset.Summary.NoHistory);
    }

    [Fact]
    public void Build_SplitIsStablePerClientAndRoughlyProportional()
    {
        var clients = Enumerable.Range(0, 20_000).Select(i => TestSequences.Views("client-" + i, "a", "b")).ToList();
        var options = new LabelingOptions { Mode = LabelingMode.Position, ObservedEvents = 1 };

        var first = DatasetBuilder.Build(clients, new TargetDefinition { UrlPattern = "b" }, options);
        var second = DatasetBuilder.Build(clients.AsEnumerable().Reverse(), new TargetDefinition { UrlPattern = "b" }, options);

        Assert.Equal(first.Examples.ToDictionary(e => e.ClientId, e => e.Split), second.Examples.ToDictionary(e => e.ClientId, e => e.Split));
        var shares = first.Summary.Examples.ToDictionary(p => p.Key, p => p.Value / 20_000.0);
        Assert.InRange(shares[DatasetSplit.Test], 0.14, 0.16);
        Assert.InRange(shares[DatasetSplit.Validation], 0.14, 0.16);
    }

    [Fact]
    public void CheckSufficiency_TooFewPositives_SaysWhatIsMissing()
    {
        var clients = Enumerable.Range(0, 300).Select(i => TestSequences.Views("c" + i, "a", i < 5 ? "target" : "b")).ToList();
        var dataset = DatasetBuilder.Build(clients, new TargetDefinition { UrlPattern = "target", Match = UrlMatchKind.Exact }, new LabelingOptions { Mode = LabelingMode.Position });

        var problem = dataset.CheckSufficiency(new LabelingOptions());

        Assert.NotNull(problem);
        Assert.Contains("5 positive example(s), 100 needed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSufficiency_EnoughOfEverything_IsNull()
    {
        var clients = Enumerable.Range(0, 2_000).Select(i => TestSequences.Views("c" + i, "a", i % 4 == 0 ? "target" : "b")).ToList();
        var dataset = DatasetBuilder.Build(clients, new TargetDefinition { UrlPattern = "target", Match = UrlMatchKind.Exact }, new LabelingOptions { Mode = LabelingMode.Position });

        Assert.Null(dataset.CheckSufficiency(new LabelingOptions()));
    }

    [Theory]
    [InlineData(UrlMatchKind.Exact, "shop.com/checkout", "shop.com/checkout", true)]
    [InlineData(UrlMatchKind.Exact, "shop.com/checkout", "shop.com/checkout/pay", false)]
    [InlineData(UrlMatchKind.Prefix, "shop.com/checkout", "shop.com/checkout/pay", true)]
    [InlineData(UrlMatchKind.Glob, "*.com/check*", "shop.com/checkout", true)]
    [InlineData(UrlMatchKind.Glob, "*.com/check?", "shop.com/checkout", false)]
    [InlineData(UrlMatchKind.Regex, "^(shop|store)\\.com/(cart|checkout)$", "store.com/cart", true)]
    public void TargetMatcher_Kinds_MatchAsDocumented(UrlMatchKind kind, string pattern, string url, bool expected) =>
        Assert.Equal(expected, new TargetMatcher(new TargetDefinition { UrlPattern = pattern, Match = kind }).IsTarget(url, "page_view"));

    [Fact]
    public void TargetMatcher_BadRegex_NamesThePattern()
    {
        var error = Assert.Throws<ArgumentException>(() => new TargetMatcher(new TargetDefinition { UrlPattern = "([", Match = UrlMatchKind.Regex }));
        Assert.Contains("([", error.Message, StringComparison.Ordinal);
    }
}
