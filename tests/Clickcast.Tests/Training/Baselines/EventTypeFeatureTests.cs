using Clickcast.Labels;
using Clickcast.Tests.Support;
using Clickcast.Training;
using Clickcast.Training.Baselines;
using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Baselines;

/// <summary>On data where only the event type carries the signal, the baselines see it.</summary>
public sealed class EventTypeFeatureTests
{
    private static readonly LabeledDataset Data = TypeSignalData.Build(3_000, seed: 7);

    public static TheoryData<string> Families() => new(nameof(LogisticRegressionFamily), nameof(LightGbmFamily));

    private static IModelFamily Family(string name) => name == nameof(LightGbmFamily) ? new LightGbmFamily() : new LogisticRegressionFamily();

    private static double TestAuc(ITrainedModel model)
    {
        var test = Data.In(DatasetSplit.Test).ToList();
        var scores = new double[test.Count];
        model.Score(test.Select(e => ModelTrainer.InputOf(e, TypeSignalData.CutoffMicros)).ToList(), scores);
        return BinaryMetrics.RocAuc(scores, test.Select(e => e.Label).ToArray());
    }

    internal static ModelTrainingRequest Request(LabeledDataset data, ModelSettings? settings = null) => new()
    {
        Vocabulary = Vocabulary.Build(
            data.In(DatasetSplit.Train).SelectMany(e => e.Urls).GroupBy(u => u, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal),
            minCount: 1,
            maxSize: 1_000),
        Train = data.In(DatasetSplit.Train).ToList(),
        Validation = data.In(DatasetSplit.Validation).ToList(),
        CutoffMicros = TypeSignalData.CutoffMicros,
        Settings = settings ?? new ModelSettings(),
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Train_OnlyTheEventTypeCarriesTheSignal_ReachesAnAucAbove075(string family)
    {
        using var model = Family(family).Train(Request(Data), TestContext.Current.CancellationToken);

        var auc = TestAuc(model);

        Assert.True(auc > 0.75, $"{family}: test AUC {auc:F3}");
    }
}
