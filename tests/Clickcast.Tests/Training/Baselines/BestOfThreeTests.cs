using Clickcast.Labels;
using Clickcast.Tests.Support;
using Clickcast.Training;
using Clickcast.Training.Baselines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Training.Baselines;

/// <summary>"Best of" trains GRU, LightGBM and logistic regression and keeps one of the three.</summary>
public sealed class BestOfThreeTests
{
    [Fact]
    public void Train_BestOf_JudgesAllThreeFamiliesAndKeepsTheBestOnValidation()
    {
        var data = TypeSignalData.Build(1_500, seed: 3);
        var trainer = new ModelTrainer([new ChanceGru(), new LogisticRegressionFamily(), new LightGbmFamily()], new FakeTimeProvider(), NullLogger<ModelTrainer>.Instance);
        var settings = new ModelSettings { ExplainSample = 0, VocabularyMinCount = 1, LightGbm = { Rounds = 100 } };
        using var folder = new TempFolder();

        var manifest = trainer.Train(data, new LabelingOptions { MinPositives = 10, MinNegatives = 10 }, settings, folder.File("v1"), cancellationToken: TestContext.Current.CancellationToken);

        var evaluation = ModelFiles.Read<ModelEvaluation>(folder.File("v1"), ModelFiles.Metrics);
        Assert.Equal([ModelFamilyKind.Gru, ModelFamilyKind.LogisticRegression, ModelFamilyKind.LightGbm], evaluation.Candidates.Select(c => c.Family));
        var best = evaluation.Candidates.MaxBy(c => c.Validation.RocAuc)!;
        Assert.Equal(best.Family, manifest.Family);
        Assert.NotEqual(ModelFamilyKind.Gru, manifest.Family);
    }

    [Fact]
    public void Train_FamilyLightGbm_TrainsOnlyLightGbm()
    {
        var data = TypeSignalData.Build(600, seed: 4);
        var trainer = new ModelTrainer([new ChanceGru(), new LogisticRegressionFamily(), new LightGbmFamily()], new FakeTimeProvider(), NullLogger<ModelTrainer>.Instance);
        var settings = new ModelSettings { Family = ModelFamilyChoice.LightGbm, ExplainSample = 0, VocabularyMinCount = 1, LightGbm = { Rounds = 30 } };
        using var folder = new TempFolder();

        var manifest = trainer.Train(data, new LabelingOptions { MinPositives = 10, MinNegatives = 10 }, settings, folder.File("v1"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ModelFamilyKind.LightGbm, manifest.Family);
        Assert.Equal([ModelFamilyKind.LightGbm], ModelFiles.Read<ModelEvaluation>(folder.File("v1"), ModelFiles.Metrics).Candidates.Select(c => c.Family));
        using var loaded = TrainedModelVersion.Load(folder.File("v1"), [new LightGbmFamily()]);
        Assert.Equal(ModelFamilyKind.LightGbm, loaded.Manifest.Family);
    }

    /// <summary>Stands in for the GRU (TorchSharp stays out of the fast tests): seeded noise, chance level.</summary>
    private sealed class ChanceGru : IModelFamily, ITrainedModel
    {
        public ModelFamilyKind Kind => ModelFamilyKind.Gru;

        public ITrainedModel Train(ModelTrainingRequest request, CancellationToken cancellationToken) => this;

        public ITrainedModel Load(string folder, Vocabulary vocabulary, ModelSettings settings) => this;

        public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
        {
            var random = new Random(inputs.Count);
            for (var i = 0; i < inputs.Count; i++)
            {
                probabilities[i] = random.NextDouble();
            }
        }

        public void Save(string folder)
        {
        }

        public IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>();

        public void Dispose()
        {
        }
    }
}
