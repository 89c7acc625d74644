using Clickcast.Labels;
using Clickcast.Tests.Support;
using Clickcast.Training;
using Clickcast.Training.Baselines;

namespace Clickcast.Tests.Training.Baselines;

public sealed class LightGbmFamilyTests
{
    private static readonly LabeledDataset Data = TypeSignalData.Build(600, seed: 11);

    private static ModelSettings Small() => new() { LightGbm = { Rounds = 40, Leaves = 8, EarlyStoppingRounds = 10 } };

    private static double[] Score(ITrainedModel model)
    {
        var test = Data.In(DatasetSplit.Test).ToList();
        var scores = new double[test.Count];
        model.Score(test.Select(e => ModelTrainer.InputOf(e, TypeSignalData.CutoffMicros)).ToList(), scores);
        return scores;
    }

    [Fact]
    public void SaveThenLoad_ScoresIdentically()
    {
        var request = EventTypeFeatureTests.Request(Data, Small());
        using var trained = new LightGbmFamily().Train(request, TestContext.Current.CancellationToken);
        using var folder = new TempFolder();
        trained.Save(folder.Path);

        using var loaded = new LightGbmFamily().Load(folder.Path, request.Vocabulary, request.Settings);

        var before = Score(trained);
        Assert.Equal(before, Score(loaded));
        Assert.True(before.Distinct().Count() > 5, "the model scores everyone alike");
        Assert.Equal(ModelFamilyKind.LightGbm, loaded.Kind);
    }

    [Fact]
    public void Score_MoreInputsThanOneChunk_SameAsScoringOneByOne()
    {
        using var model = new LightGbmFamily().Train(EventTypeFeatureTests.Request(Data, Small()), TestContext.Current.CancellationToken);
        var test = Data.In(DatasetSplit.Test).Select(e => ModelTrainer.InputOf(e, TypeSignalData.CutoffMicros)).ToList();
        var inputs = Enumerable.Range(0, 5_000).Select(i => test[i % test.Count]).ToList();

        var all = new double[inputs.Count];
        model.Score(inputs, all);

        var single = new double[1];
        foreach (var i in new[] { 0, 4_095, 4_096, 4_999 })
        {
            model.Score([inputs[i]], single);
            Assert.Equal(single[0], all[i]);
        }
    }

    [Fact]
    public void Train_TwiceWithTheSameSeed_WritesTheSameTrees()
    {
        var request = EventTypeFeatureTests.Request(Data, Small());
        using var first = new LightGbmFamily().Train(request, TestContext.Current.CancellationToken);
        using var second = new LightGbmFamily().Train(request, TestContext.Current.CancellationToken);
        using var a = new TempFolder();
        using var b = new TempFolder();

        first.Save(a.Path);
        second.Save(b.Path);

        Assert.Equal(File.ReadAllText(Path.Combine(a.Path, "lightgbm-model.txt")), File.ReadAllText(Path.Combine(b.Path, "lightgbm-model.txt")));
    }

    [Fact]
    public void Train_EarlyStopping_KeepsFewerTreesThanTheRoundsAllowed()
    {
        var settings = Small();
        settings.LightGbm.Rounds = 2_000;
        settings.LightGbm.LearningRate = 0.3;
        using var model = new LightGbmFamily().Train(EventTypeFeatureTests.Request(Data, settings), TestContext.Current.CancellationToken);

        var trees = int.Parse(model.Describe()["trees"], System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(trees, 1, 1_999);
    }
}
