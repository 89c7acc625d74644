using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Tests.Support;
using Clickcast.Training;
using Clickcast.Training.Baselines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Training;

public sealed class ModelTrainerTests : IClassFixture<GeneratedTenant>
{
    private static readonly TargetDefinition Checkout = new() { UrlPattern = GeneratedTenant.Target, Match = UrlMatchKind.Prefix };
    private readonly GeneratedTenant _tenant;

    public ModelTrainerTests(GeneratedTenant tenant)
    {
        _tenant = tenant;
    }

    private static ModelTrainer Trainer() => new([new LogisticRegressionFamily()], new FakeTimeProvider(), NullLogger<ModelTrainer>.Instance);

    private static ModelSettings Settings() => new() { Family = ModelFamilyChoice.LogisticRegression, ExplainSample = 200 };

    private async Task<LabeledDataset> DatasetAsync(LabelingOptions labeling)
    {
        var store = new SequenceStore(_tenant.Store);
        var manifest = await store.GetManifestAsync(GeneratedTenant.Tenant, TestContext.Current.CancellationToken);
        return await DatasetBuilder.BuildAsync(store.ReadAsync(manifest!, TestContext.Current.CancellationToken), Checkout, labeling, manifest!.LatestEventMicros, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Train_GeneratedFunnel_BeatsChanceAndWritesAModelFolderThatLoadsToTheSameScores()
    {
        var labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(7), MinPositives = 50, MinNegatives = 50 };
        var dataset = await DatasetAsync(labeling);
        using var folder = new TempFolder();
        var modelFolder = folder.File("v1");

        var manifest = Trainer().Train(dataset, labeling, Settings(), modelFolder, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ModelFamilyKind.LogisticRegression, manifest.Family);
        Assert.True(manifest.TestAuc > 0.65, $"test AUC {manifest.TestAuc}");
        foreach (var file in ModelFiles.Common)
        {
            Assert.True(File.Exists(Path.Combine(modelFolder, file)), file);
        }

        var evaluation = ModelFiles.Read<ModelEvaluation>(modelFolder, ModelFiles.Metrics);
        Assert.Equal(manifest.TestAuc, evaluation.Test.RocAuc);
        Assert.NotEmpty(evaluation.Test.Curves.Roc);
        var explanation = ModelFiles.Read<ModelExplanation>(modelFolder, ModelFiles.Explanation);
        Assert.Contains(explanation.Raising, t => t.Token.StartsWith("shop.example.com/", StringComparison.Ordinal));

        // Save -> load -> identical scores on the test clients.
        using var loaded = TrainedModelVersion.Load(modelFolder, [new LogisticRegressionFamily()]);
        var test = dataset.In(DatasetSplit.Test).ToList();
        var cutoff = dataset.Summary.Cutoff!.Value.ToUnixTimeMilliseconds() * 1000;
        var scores = ModelTrainer.Score(loaded, test, cutoff);
        var reevaluated = Clickcast.Training.Evaluation.BinaryMetrics.RocAuc(scores, test.Select(e => e.Label).ToArray());
        Assert.Equal(manifest.TestAuc, reevaluated, 12);
    }

    [Fact]
    public async Task Train_NotEnoughPositives_SaysWhatIsMissing()
    {
        var labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(7), MinPositives = 1_000_000 };
        var dataset = await DatasetAsync(labeling);
        using var folder = new TempFolder();

        var error = Assert.Throws<TrainingException>(() => Trainer().Train(dataset, labeling, Settings(), folder.File("v1"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("1000000 needed", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("v1")));
    }

    [Fact]
    public void Train_ShuffledLabels_TestAucIsChance()
    {
        // Position-mode data with a strong signal: clients who view "cart" later view "checkout".
        var random = new Random(3);
        var clients = Enumerable.Range(0, 60_000).Select(i =>
        {
            var keen = random.NextDouble() < 0.2;
            var urls = Enumerable.Range(0, 4).Select(_ => keen && random.NextDouble() < 0.6 ? "cart" : "page" + random.Next(30)).ToList();
            urls.Add(keen && random.NextDouble() < 0.7 ? "checkout" : "page0");
            return TestSequences.Views("c" + i, [.. urls]);
        }).ToList();
        var labeling = new LabelingOptions { Mode = LabelingMode.Position, ObservedEvents = 4 };
        var target = new TargetDefinition { UrlPattern = "checkout", Match = UrlMatchKind.Exact };
        var dataset = DatasetBuilder.Build(clients, target, labeling);
        using var folder = new TempFolder();

        var honest = Trainer().Train(dataset, labeling, Settings(), folder.File("honest"), cancellationToken: TestContext.Current.CancellationToken);
        var shuffled = Trainer().Train(dataset.WithShuffledLabels(seed: 11), labeling, Settings(), folder.File("shuffled"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(honest.TestAuc > 0.75, $"honest test AUC {honest.TestAuc}");
        Assert.InRange(shuffled.TestAuc, 0.47, 0.53);
    }
}
