using Clickcast.Events;
using Clickcast.IntegrationTests.Support;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Torch;
using Clickcast.Torch.Family;
using Clickcast.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Torch;

/// <summary>The GRU's event-type embedding: learnt where only the type carries the signal, saved, warm-started.</summary>
public sealed class GruEventTypeTests
{
    private static readonly LabelingOptions Labeling = new() { Mode = LabelingMode.Position, ObservedEvents = 4 };
    private static readonly TargetDefinition Checkout = new() { UrlPattern = "checkout", Match = UrlMatchKind.Exact };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Train_OnlyTheEventTypeCarriesTheSignal_TheEmbeddingLearnsIt_SizeZeroCannot()
    {
        var dataset = DatasetBuilder.Build(Clients(4_000, seed: 1, noise: null), Checkout, Labeling);
        using var folder = new TempFolder();

        var typed = Trainer().Train(dataset, Labeling, Settings(eventTypeEmbeddingSize: 8), folder.File("typed"), cancellationToken: Token);
        var blind = Trainer().Train(dataset, Labeling, Settings(eventTypeEmbeddingSize: 0), folder.File("blind"), cancellationToken: Token);

        TestContext.Current.TestOutputHelper?.WriteLine($"test AUC with the type embedding {typed.TestAuc:0.000}, without {blind.TestAuc:0.000}");
        Assert.True(typed.TestAuc > 0.75, $"GRU with the event-type embedding: test AUC {typed.TestAuc}");
        Assert.InRange(blind.TestAuc, 0.4, 0.6);
        Assert.Equal("view,cart", typed.Details["eventTypes"]);
        Assert.Equal("", blind.Details["eventTypes"]);
    }

    [Fact]
    public void Train_WarmStartFromASavedTypedModel_TheTypeVocabularyGrowsAndOldTypesKeepTheirIds()
    {
        using var folder = new TempFolder();
        var first = DatasetBuilder.Build(Clients(1_500, seed: 2, noise: null), Checkout, Labeling);
        Trainer().Train(first, Labeling, Settings(eventTypeEmbeddingSize: 4), folder.File("champion"), cancellationToken: Token);
        using var champion = TrainedModelVersion.Load(folder.File("champion"), Families());
        var second = DatasetBuilder.Build(Clients(1_500, seed: 3, noise: "buy"), Checkout, Labeling);

        var challenger = Trainer().Train(second, Labeling, Settings(eventTypeEmbeddingSize: 4), folder.File("challenger"), warmStart: champion, cancellationToken: Token);

        Assert.Equal(folder.File("champion"), challenger.WarmStartedFrom);
        Assert.Equal("view,cart", champion.Manifest.Details["eventTypes"]);
        Assert.Equal("view,cart,buy", challenger.Details["eventTypes"]);
        using var loaded = TrainedModelVersion.Load(folder.File("challenger"), Families());
        Assert.Equal(challenger.TestAuc, loaded.Manifest.TestAuc);
    }

    [Fact]
    public void SaveAndLoad_TypedModel_KeepsItsTypesAndScoresIdentically()
    {
        var types = EventTypeVocabulary.Build([["view", "cart", "buy"]]);
        var random = new Random(4);
        var sequences = Enumerable.Range(0, 40).Select(i => Typed(ToyData.Sequence(random, 1 + (i % 9), 20), random, types.Count)).ToList();
        using var model = GruModel.Create(20, ToyData.TinyModel(), seed: 5, ToyData.OneThread(), types);
        using var folder = new TempFolder();

        model.Save(folder.Path);
        using var loaded = GruModel.Load(folder.Path, ToyData.OneThread());

        Assert.Equal(types.Types, loaded.EventTypes!.Types);
        Assert.Equal(ToyData.TinyModel().EventTypeEmbeddingSize, loaded.Options.EventTypeEmbeddingSize);
        Assert.Equal(model.Score(sequences), loaded.Score(sequences));
        Assert.Contains("\"format\": 2", File.ReadAllText(Path.Combine(folder.Path, "model.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Score_TypeIdsMatter_AndUnknownIdsReadAsOther()
    {
        var types = EventTypeVocabulary.Build([["view", "cart"]]);
        using var model = GruModel.Create(20, ToyData.TinyModel(), seed: 6, ToyData.OneThread(), types);
        var chain = ToyData.Sequence(new Random(7), 6, 20);
        var views = chain with { TypeIds = [.. Enumerable.Repeat(types.IdOf("view"), 6)] };
        var carts = chain with { TypeIds = [.. Enumerable.Repeat(types.IdOf("cart"), 6)] };
        var other = chain with { TypeIds = [.. Enumerable.Repeat(EventTypeVocabulary.OtherId, 6)] };
        var beyond = chain with { TypeIds = [.. Enumerable.Repeat(types.Count + 5, 6)] };

        var scores = model.Score([views, carts, other, beyond, chain]);

        Assert.NotEqual(scores[0], scores[1]);
        Assert.Equal(scores[2], scores[3]);
        Assert.Equal(scores[2], scores[4]);
    }

    [Fact]
    public void Score_TypeIdsOfAnotherLength_Throws()
    {
        var types = EventTypeVocabulary.Build([["view"]]);
        using var model = GruModel.Create(20, ToyData.TinyModel(), seed: 6, ToyData.OneThread(), types);
        var chain = ToyData.Sequence(new Random(7), 6, 20) with { TypeIds = [2, 2] };

        Assert.Throws<ArgumentException>(() => model.Score([chain]));
    }

    [Fact]
    public void CanWarmStart_OnlyWhenTheOldTypesStayFirstAtTheSameWidth()
    {
        var old = EventTypeVocabulary.Build([["view", "cart"]]);
        using var typed = GruModel.Create(20, ToyData.TinyModel(), seed: 8, ToyData.OneThread(), old);
        using var untyped = GruModel.Create(20, ToyData.TinyModel(), seed: 8, ToyData.OneThread());
        var grown = EventTypeVocabulary.Build([["buy", "buy", "buy"]], grownFrom: old);
        var reordered = new EventTypeVocabulary([.. old.Types.Reverse()]);
        var wider = new GruModelOptions { EmbeddingSize = 8, HiddenSize = 16, EventTypeEmbeddingSize = 16 };

        Assert.True(GruTrainer.CanWarmStart(typed, ToyData.TinyModel(), grown));
        Assert.False(GruTrainer.CanWarmStart(typed, ToyData.TinyModel(), reordered));
        Assert.False(GruTrainer.CanWarmStart(typed, wider, grown));
        Assert.False(GruTrainer.CanWarmStart(untyped, ToyData.TinyModel(), grown));
        Assert.True(GruTrainer.CanWarmStart(untyped, ToyData.TinyModel(), null));
    }

    private static EncodedSequence Typed(EncodedSequence sequence, Random random, int typeCount) =>
        sequence with { TypeIds = [.. sequence.TokenIds.Select(_ => random.Next(EventTypeVocabulary.OtherId, typeCount))] };

    private static ModelSettings Settings(int eventTypeEmbeddingSize) => new()
    {
        Family = ModelFamilyChoice.Gru,
        ExplainSample = 0,
        Gru = new GruSettings { EmbeddingSize = 8, HiddenSize = 16, MaxEpochs = 4, Threads = 1, Seed = 3, EventTypeEmbeddingSize = eventTypeEmbeddingSize },
    };

    private static IModelFamily[] Families() => [new GruFamily(new FakeTimeProvider(), NullLoggerFactory.Instance)];

    private static ModelTrainer Trainer() => new(Families(), new FakeTimeProvider(), NullLogger<ModelTrainer>.Instance);

    /// <summary>
    /// Five events per client over the same random pages, a minute apart: "keen" clients' first four are often
    /// carts, others' never; keen clients then check out far more often. Only the type tells them apart. A noise
    /// type, when given, is sprinkled on everyone.
    /// </summary>
    private static List<ClientSequence> Clients(int count, int seed, string? noise)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        return Enumerable.Range(0, count).Select(i =>
        {
            var keen = random.NextDouble() < 0.3;
            var urls = Enumerable.Range(0, 4).Select(_ => "page" + random.Next(30)).ToList();
            var kinds = urls.Select(_ => keen && random.NextDouble() < 0.6 ? "cart" : noise is not null && random.NextDouble() < 0.2 ? noise : "view").ToList();
            urls.Add(random.NextDouble() < (keen ? 0.7 : 0.1) ? "checkout" : "page0");
            kinds.Add("view");
            var id = $"s{seed}-c{i}";
            var times = urls.Select((_, e) => start + (e * 60_000_000L)).ToArray();
            return new ClientSequence(id, ClientHash.Of(id), [.. urls], times, [.. kinds], times[0], times[^1], urls.Count);
        }).ToList();
    }
}
