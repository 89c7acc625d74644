using Clickcast.Events;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Torch.Family;
using Clickcast.Training;
using Clickcast.Training.Baselines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Training;

/// <summary>The leakage guard with the GRU in the loop: with permuted labels, nothing can be learned.</summary>
public sealed class GruLeakageTests
{
    [Fact]
    public void Train_ShuffledLabels_GruTestAucIsChance_WhileRealLabelsAreLearned()
    {
        // Order-only chains with a real signal: clients who view "cart" early later view "checkout".
        var random = new Random(5);
        var clients = Enumerable.Range(0, 24_000).Select(i =>
        {
            var keen = random.NextDouble() < 0.2;
            var urls = Enumerable.Range(0, 4).Select(_ => keen && random.NextDouble() < 0.6 ? "cart" : "page" + random.Next(30)).ToList();
            urls.Add(keen && random.NextDouble() < 0.7 ? "checkout" : "page0");
            return Chain("c" + i, urls);
        }).ToList();
        var labeling = new LabelingOptions { Mode = LabelingMode.Position, ObservedEvents = 4 };
        var dataset = DatasetBuilder.Build(clients, new TargetDefinition { UrlPattern = "checkout", Match = UrlMatchKind.Exact }, labeling);
        var settings = new ModelSettings
        {
            Family = ModelFamilyChoice.Gru,
            ExplainSample = 0,
            Gru = new GruSettings { EmbeddingSize = 8, HiddenSize = 16, MaxEpochs = 3, Threads = 1, Seed = 3 },
        };
        var trainer = new ModelTrainer([new GruFamily(new FakeTimeProvider(), NullLoggerFactory.Instance), new LogisticRegressionFamily()], new FakeTimeProvider(), NullLogger<ModelTrainer>.Instance);
        using var folder = new TempFolder();

        var honest = trainer.Train(dataset, labeling, settings, folder.File("honest"), cancellationToken: TestContext.Current.CancellationToken);
        var shuffled = trainer.Train(dataset.WithShuffledLabels(seed: 9), labeling, settings, folder.File("shuffled"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(honest.TestAuc > 0.75, $"honest GRU test AUC {honest.TestAuc}");
        Assert.InRange(shuffled.TestAuc, 0.47, 0.53);
    }

    private static ClientSequence Chain(string client, IReadOnlyList<string> urls)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        var times = urls.Select((_, i) => start + (i * 60_000_000L)).ToArray();
        return new ClientSequence(client, ClientHash.Of(client), [.. urls], times, [.. urls.Select(_ => "page_view")], times[0], times[^1], urls.Count);
    }
}
