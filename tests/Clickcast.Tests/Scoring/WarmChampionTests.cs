using Clickcast.Labels;
using Clickcast.Scoring;
using Clickcast.Training;
using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Scoring;

public sealed class WarmChampionTests
{
    [Fact]
    public async Task ScoreAsync_RequestsArrivingWhileTheModelIsBusy_ShareOneModelCallAndKeepTheirOwnScores()
    {
        var model = new GatedModel();
        var champion = new WarmChampion(Version(model), 1);

        // The first request takes the model and is held inside its call; five more arrive meanwhile.
        var first = Task.Run(() => champion.ScoreAsync([Input(1)]), TestContext.Current.CancellationToken);
        model.Entered.Wait(TestContext.Current.CancellationToken);
        var waiting = Enumerable.Range(2, 5).Select(n => champion.ScoreAsync([Input(n), Input(n * 10)])).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        model.Release.Set();

        var own = await first;
        Assert.Equal([0.01], own);
        for (var n = 2; n <= 6; n++)
        {
            var scores = await waiting[n - 2];
            Assert.Equal([n / 100.0, n * 10 / 100.0], scores);
        }

        Assert.Equal([1, 10], model.CallSizes);
        Assert.Equal(2, champion.ModelCalls);
    }

    [Fact]
    public async Task ScoreAsync_AFailingModelCall_FailsEveryRequestInItAndTheNextCallStillRuns()
    {
        var model = new GatedModel { FailOn = 7 };
        model.Release.Set();
        var champion = new WarmChampion(Version(model), 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => champion.ScoreAsync([Input(7)]));
        var next = await champion.ScoreAsync([Input(3)]);
        Assert.Equal([0.03], next);
    }

    [Fact]
    public async Task ScoreAsync_ManyConcurrentRequests_EachGetsItsOwnScoresInItsOwnOrder()
    {
        var model = new GatedModel();
        model.Release.Set();
        var champion = new WarmChampion(Version(model), 1);

        var requests = Enumerable.Range(1, 400).Select(n => Task.Run(() => champion.ScoreAsync([Input(n), Input(n + 1000)]))).ToList();
        var results = await Task.WhenAll(requests);

        for (var n = 1; n <= 400; n++)
        {
            Assert.Equal([n / 100.0, (n + 1000) / 100.0], results[n - 1]);
        }

        Assert.True(model.CallSizes.All(size => size <= WarmChampion.MaxInputsPerCall + 1), "a coalesced call stays under the cap");
        Assert.Equal(800, model.CallSizes.Sum());
    }

    private static ModelInput Input(int n) => new([n.ToString(System.Globalization.CultureInfo.InvariantCulture)], [0], 0, ["view"]);

    private static TrainedModelVersion Version(ITrainedModel model) => new(
        "unused",
        new ModelManifest { Data = new DatasetSummary(), Settings = new ModelSettings() },
        Vocabulary.FromTokens(["<pad>", "<unk>"]),
        new ModelCalibration(ProbabilityCalibrator.Identity, ThresholdRule.MaxF1, default),
        model);

    /// <summary>Scores token n as n / 100; its first call waits for <see cref="Release"/>.</summary>
    private sealed class GatedModel : ITrainedModel
    {
        private int _calls;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public List<int> CallSizes { get; } = [];

        public int? FailOn { get; init; }

        public ModelFamilyKind Kind => ModelFamilyKind.LogisticRegression;

        public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Entered.Set();
                Release.Wait();
            }

            CallSizes.Add(inputs.Count);
            for (var i = 0; i < inputs.Count; i++)
            {
                var n = int.Parse(inputs[i].Urls[0], System.Globalization.CultureInfo.InvariantCulture);
                if (n == FailOn)
                {
                    throw new InvalidOperationException("the model failed");
                }

                probabilities[i] = n / 100.0;
            }
        }

        public void Save(string folder) => throw new NotSupportedException();

        public IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>();

        public void Dispose()
        {
            Entered.Dispose();
            Release.Dispose();
        }
    }
}
