using Clickcast.Labels;
using Clickcast.Tests.Support;
using Clickcast.Training;
using Clickcast.Training.Baselines;
using Clickcast.Training.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Training;

/// <summary>The trainer applies the small-data rules: family selection, calibration policy, warnings on the card.</summary>
public sealed class ModelTrainerStatisticsTests
{
    private static readonly LabelingOptions Labeling = new() { Mode = LabelingMode.Position, ObservedEvents = 4, MinPositives = 20, MinNegatives = 20 };

    [Fact]
    public void Train_TwoFamiliesThatTie_KeepsTheSimpler_ByCrossValidationOnFewPositives()
    {
        // "Gru" here is the same logistic regression under another kind, listed first: its AUC ties, so the
        // simpler family must win (the old rule kept the first of the tied best).
        var trainer = Trainer(new Renamed(new LogisticRegressionFamily(), ModelFamilyKind.Gru, reverse: false), new LogisticRegressionFamily());
        using var folder = new TempFolder();
        var settings = Settings();
        settings.Statistics.CrossValidationBelowPositives = 1_000_000;

        var manifest = trainer.Train(Dataset(3_000), Labeling, settings, folder.File("m"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ModelFamilyKind.LogisticRegression, manifest.Family);
        var evaluation = ModelFiles.Read<ModelEvaluation>(folder.File("m"), ModelFiles.Metrics);
        Assert.Equal(SelectionMethod.CrossValidation, evaluation.Selection!.Method);
        Assert.Equal(evaluation.Selection.Clients, Dataset(3_000).Examples.Count(e => e.Split != DatasetSplit.Test));
        Assert.False(Assert.Single(evaluation.Selection.Comparisons).ChallengerWins);
        Assert.Contains("**Family selection:** LogisticRegression", ModelReport.Render(folder.File("m")), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ValidationWithEnoughPositives_SelectsOnValidation()
    {
        var trainer = Trainer(new Renamed(new LogisticRegressionFamily(), ModelFamilyKind.Gru, reverse: false), new LogisticRegressionFamily());
        using var folder = new TempFolder();
        var settings = Settings();
        settings.Statistics.CrossValidationBelowPositives = 0;

        trainer.Train(Dataset(3_000), Labeling, settings, folder.File("m"), cancellationToken: TestContext.Current.CancellationToken);

        var evaluation = ModelFiles.Read<ModelEvaluation>(folder.File("m"), ModelFiles.Metrics);
        Assert.Equal((ModelFamilyKind.LogisticRegression, SelectionMethod.Validation), (evaluation.Chosen, evaluation.Selection!.Method));
    }

    [Fact]
    public void Train_ReversedModel_RefusesPlatt_AndTheCardWarns()
    {
        // A model whose scores run the wrong way: Platt would fit a negative slope.
        var trainer = Trainer(new Renamed(new LogisticRegressionFamily(), ModelFamilyKind.LogisticRegression, reverse: true));
        using var folder = new TempFolder();

        var manifest = trainer.Train(Dataset(3_000), Labeling, Settings(), folder.File("m"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(manifest.Warnings, w => w.Kind == ModelWarningKind.CalibrationRefused);
        var calibration = ModelFiles.Read<ModelCalibration>(folder.File("m"), ModelFiles.Calibration);
        Assert.NotEqual(CalibratorKind.Platt, calibration.Calibrator.Kind);
        var evaluation = ModelFiles.Read<ModelEvaluation>(folder.File("m"), ModelFiles.Metrics);
        Assert.Equal(manifest.Warnings, evaluation.Warnings);
        var card = ModelReport.Render(folder.File("m"));
        Assert.Contains("## Warnings", card, StringComparison.Ordinal);
        Assert.Contains("- **CalibrationRefused:**", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ATrustworthyModel_HasNoWarnings()
    {
        using var folder = new TempFolder();

        var manifest = Trainer(new LogisticRegressionFamily()).Train(Dataset(6_000), Labeling, Settings(), folder.File("m"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(manifest.Warnings);
        Assert.DoesNotContain("## Warnings", ModelReport.Render(folder.File("m")), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ChoiceThatTrailsOnTest_KeepsTheChoice_AndTheCardWarns()
    {
        // Each model is scored on validation (first call), then on test (second). Logistic regression ranks well on
        // validation only, the "GRU" on test only: validation keeps logistic regression, test shows the GRU ahead.
        var trainer = Trainer(new Phased(ModelFamilyKind.Gru, goodCall: 2), new Phased(ModelFamilyKind.LogisticRegression, goodCall: 1));
        using var folder = new TempFolder();
        var settings = Settings();
        settings.Statistics.CrossValidationBelowPositives = 0;

        var manifest = trainer.Train(Dataset(6_000), Labeling, settings, folder.File("m"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ModelFamilyKind.LogisticRegression, manifest.Family);
        var evaluation = ModelFiles.Read<ModelEvaluation>(folder.File("m"), ModelFiles.Metrics);
        var onTest = evaluation.SelectionOnTest!;
        Assert.False(onTest.Held);
        var gru = Assert.Single(onTest.Others);
        Assert.Equal((ModelFamilyKind.Gru, ModelFamilyKind.LogisticRegression, true), (gru.Challenger, gru.Incumbent, gru.ChallengerWins));
        var aucs = evaluation.Candidates.ToDictionary(c => c.Family, c => c.Test.RocAuc);
        Assert.Equal(aucs[ModelFamilyKind.Gru] - aucs[ModelFamilyKind.LogisticRegression], gru.AucDifference, 9);
        var warning = Assert.Single(manifest.Warnings, w => w.Kind == ModelWarningKind.ChoiceNotHeldOnTest);
        Assert.Contains("Gru leads the chosen LogisticRegression", warning.Message, StringComparison.Ordinal);
        var card = ModelReport.Render(folder.File("m"));
        Assert.Contains("**The choice on test:** not held", card, StringComparison.Ordinal);
        Assert.Contains("- **ChoiceNotHeldOnTest:**", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ChoiceThatHoldsOnTest_SaysSo_WithoutAWarning()
    {
        var trainer = Trainer(new Renamed(new LogisticRegressionFamily(), ModelFamilyKind.Gru, reverse: false), new LogisticRegressionFamily());
        using var folder = new TempFolder();
        var settings = Settings();
        settings.Statistics.CrossValidationBelowPositives = 0;

        var manifest = trainer.Train(Dataset(3_000), Labeling, settings, folder.File("m"), cancellationToken: TestContext.Current.CancellationToken);

        var evaluation = ModelFiles.Read<ModelEvaluation>(folder.File("m"), ModelFiles.Metrics);
        Assert.True(evaluation.SelectionOnTest!.Held);
        Assert.DoesNotContain(manifest.Warnings, w => w.Kind == ModelWarningKind.ChoiceNotHeldOnTest);
        Assert.Contains("**The choice on test:** held", ModelReport.Render(folder.File("m")), StringComparison.Ordinal);
    }

    private static ModelTrainer Trainer(params IModelFamily[] families) => new(families, new FakeTimeProvider(), NullLogger<ModelTrainer>.Instance);

    private static ModelSettings Settings() => new() { Family = ModelFamilyChoice.BestOf, ExplainSample = 0 };

    /// <summary>Clients who view "cart" early later view "checkout" (position mode, a clear signal).</summary>
    private static LabeledDataset Dataset(int clients)
    {
        var random = new Random(3);
        var chains = Enumerable.Range(0, clients).Select(i =>
        {
            var keen = random.NextDouble() < 0.2;
            var urls = Enumerable.Range(0, 4).Select(_ => keen && random.NextDouble() < 0.6 ? "cart" : "page" + random.Next(30)).ToList();
            urls.Add(keen && random.NextDouble() < 0.7 ? "checkout" : "page0");
            return TestSequences.Views("c" + i, [.. urls]);
        }).ToList();
        return DatasetBuilder.Build(chains, new TargetDefinition { UrlPattern = "checkout", Match = UrlMatchKind.Exact }, Labeling);
    }

    /// <summary>A family under another kind, optionally scoring the wrong way round.</summary>
    private sealed class Renamed(IModelFamily inner, ModelFamilyKind kind, bool reverse) : IModelFamily
    {
        public ModelFamilyKind Kind => kind;

        public ITrainedModel Train(ModelTrainingRequest request, CancellationToken cancellationToken) => new Model(inner.Train(request, cancellationToken), kind, reverse);

        public ITrainedModel Load(string folder, Vocabulary vocabulary, ModelSettings settings) => new Model(inner.Load(folder, vocabulary, settings), kind, reverse);

        private sealed class Model(ITrainedModel inner, ModelFamilyKind kind, bool reverse) : ITrainedModel
        {
            public ModelFamilyKind Kind => kind;

            public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
            {
                inner.Score(inputs, probabilities);
                if (reverse)
                {
                    foreach (ref var p in probabilities)
                    {
                        p = 1 - p;
                    }
                }
            }

            public void Save(string folder) => inner.Save(folder);

            public IReadOnlyDictionary<string, string> Describe() => inner.Describe();

            public void Dispose() => inner.Dispose();
        }
    }

    /// <summary>A logistic regression under <paramref name="kind"/> whose scores rank on its <paramref name="goodCall"/>-th Score call only (noise otherwise).</summary>
    private sealed class Phased(ModelFamilyKind kind, int goodCall) : IModelFamily
    {
        public ModelFamilyKind Kind => kind;

        public ITrainedModel Train(ModelTrainingRequest request, CancellationToken cancellationToken) => new Model(new LogisticRegressionFamily().Train(request, cancellationToken), kind, goodCall);

        public ITrainedModel Load(string folder, Vocabulary vocabulary, ModelSettings settings) => throw new NotSupportedException();

        private sealed class Model(ITrainedModel inner, ModelFamilyKind kind, int goodCall) : ITrainedModel
        {
            private int _calls;

            public ModelFamilyKind Kind => kind;

            public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
            {
                inner.Score(inputs, probabilities);
                if (++_calls != goodCall)
                {
                    var noise = new Random(_calls);
                    foreach (ref var p in probabilities)
                    {
                        p = noise.NextDouble();
                    }
                }
            }

            public void Save(string folder) => inner.Save(folder);

            public IReadOnlyDictionary<string, string> Describe() => inner.Describe();

            public void Dispose() => inner.Dispose();
        }
    }
}
