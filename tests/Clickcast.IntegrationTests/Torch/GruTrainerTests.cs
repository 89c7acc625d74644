using Clickcast.IntegrationTests.Support;
using Clickcast.Torch;
using Clickcast.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Torch;

public sealed class GruTrainerTests
{
    private const int Vocabulary = 20;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static GruTrainer Trainer(TimeProvider? time = null) =>
        new(ToyData.OneThread(), time ?? new FakeTimeProvider(), NullLogger<GruTrainer>.Instance);

    private static GruTrainingOptions Fast(int epochs) => new()
    {
        MaxEpochs = epochs,
        BatchSize = 32,
        LearningRate = 0.01,
        EarlyStoppingPatience = 3,
        Seed = 11,
    };

    [Fact]
    public void Train_TokenSevenDecidesTheLabel_LossFallsAndValidationAucAbove09()
    {
        var training = ToyData.ContainsToken(800, Vocabulary, seed: 1);
        var validation = ToyData.ContainsToken(300, Vocabulary, seed: 2);

        var result = Trainer().Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 12), cancellationToken: Token);
        using var model = result.Model;

        Assert.True(result.Epochs[^1].TrainingLoss < result.Epochs[0].TrainingLoss * 0.7,
            $"loss {result.Epochs[0].TrainingLoss} -> {result.Epochs[^1].TrainingLoss}");
        Assert.True(result.BestValidationAuc > 0.9, $"validation AUC {result.BestValidationAuc}");
        Assert.Equal(result.Epochs.Max(e => e.ValidationAuc), result.BestValidationAuc);
        Assert.Equal(result.BestValidationAuc, result.Epochs[result.BestEpoch - 1].ValidationAuc);
        var scores = model.Score(validation.Select(e => e.Sequence).ToList());
        Assert.Equal(result.BestValidationAuc, Auc(scores, validation), precision: 6);
    }

    [Fact]
    public void Train_SameDataSeedAndThreads_IdenticalWeightsAndScores()
    {
        var training = ToyData.ContainsToken(300, Vocabulary, seed: 3);
        var validation = ToyData.ContainsToken(100, Vocabulary, seed: 4);
        var sequences = validation.Select(e => e.Sequence).ToList();

        using var first = Trainer().Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 3), cancellationToken: Token).Model;
        using var second = Trainer().Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 3), cancellationToken: Token).Model;

        foreach (var (name, weight) in first.Network.state_dict())
        {
            Assert.True(weight.equal(second.Network.state_dict()[name]).all().item<bool>(), $"{name} differs");
        }

        Assert.Equal(first.Score(sequences), second.Score(sequences));
    }

    [Fact]
    public void Train_BatchSplitAcrossThreads_SameSeedSameWeights_LearnsAsOneThreadDoes()
    {
        var training = ToyData.ContainsToken(600, Vocabulary, seed: 3);
        var validation = ToyData.ContainsToken(200, Vocabulary, seed: 4);
        var sequences = validation.Select(e => e.Sequence).ToList();
        var split = new GruTrainer(new TorchOptions { Threads = 1, TrainingParallelism = 2 }, new FakeTimeProvider(), NullLogger<GruTrainer>.Instance);

        var first = split.Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 8), cancellationToken: Token);
        var second = split.Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 8), cancellationToken: Token);
        var one = Trainer().Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 8), cancellationToken: Token);
        using var firstModel = first.Model;
        using var secondModel = second.Model;
        using var oneModel = one.Model;

        foreach (var (name, weight) in firstModel.Network.state_dict())
        {
            Assert.True(weight.equal(secondModel.Network.state_dict()[name]).all().item<bool>(), $"{name} differs");
        }

        Assert.Equal(firstModel.Score(sequences), secondModel.Score(sequences));
        Assert.True(first.BestValidationAuc > 0.9, $"validation AUC {first.BestValidationAuc}");
        Assert.Equal(one.Epochs[0].TrainingLoss, first.Epochs[0].TrainingLoss, 1e-4);
    }

    [Fact]
    public void Train_DifferentSeed_DifferentWeights()
    {
        var training = ToyData.ContainsToken(200, Vocabulary, seed: 3);
        var validation = ToyData.ContainsToken(80, Vocabulary, seed: 4);
        var other = Fast(epochs: 1);
        other.Seed = 12;

        using var first = Trainer().Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 1), cancellationToken: Token).Model;
        using var second = Trainer().Train(training, validation, Vocabulary, ToyData.TinyModel(), other, cancellationToken: Token).Model;

        Assert.NotEqual(
            first.Score(validation.Select(e => e.Sequence).ToList()),
            second.Score(validation.Select(e => e.Sequence).ToList()));
    }

    [Fact]
    public void GrowNetwork_LargerVocabulary_ScoresOldSequencesExactlyAsTheOldModel()
    {
        var training = ToyData.ContainsToken(300, Vocabulary, seed: 5);
        var validation = ToyData.ContainsToken(100, Vocabulary, seed: 6);
        using var old = Trainer().Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 2), cancellationToken: Token).Model;
        var sequences = validation.Select(e => e.Sequence).ToList();

        using var grown = new GruModel(
            GruModel.GrowNetwork(old, Vocabulary + 15, ToyData.TinyModel(), seed: 99), ToyData.TinyModel(), old.Device, ToyData.OneThread());

        Assert.Equal(Vocabulary + 15, grown.VocabularySize);
        Assert.Equal(old.Score(sequences), grown.Score(sequences));
    }

    [Fact]
    public void GrowNetwork_NewRows_StartAsAFreshModelsRows()
    {
        var training = ToyData.ContainsToken(200, Vocabulary, seed: 5);
        var validation = ToyData.ContainsToken(80, Vocabulary, seed: 6);
        using var old = Trainer().Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 1), cancellationToken: Token).Model;

        using var grown = GruModel.GrowNetwork(old, Vocabulary + 5, ToyData.TinyModel(), seed: 99);
        using var fresh = GruModel.CreateNetwork(Vocabulary + 5, ToyData.TinyModel(), seed: 99);

        var grownEmbedding = grown.state_dict()["embedding.weight"];
        var freshEmbedding = fresh.state_dict()["embedding.weight"];
        Assert.True(grownEmbedding.narrow(0, Vocabulary, 5).equal(freshEmbedding.narrow(0, Vocabulary, 5)).all().item<bool>());
        Assert.True(grownEmbedding.narrow(0, 0, Vocabulary).equal(old.Network.state_dict()["embedding.weight"]).all().item<bool>());
    }

    [Fact]
    public void Train_WarmStartWithGrownVocabulary_TrainsOnNewIds()
    {
        var training = ToyData.ContainsToken(300, Vocabulary, seed: 7);
        var validation = ToyData.ContainsToken(100, Vocabulary, seed: 8);
        using var old = Trainer().Train(training, validation, Vocabulary, ToyData.TinyModel(), Fast(epochs: 3), cancellationToken: Token).Model;
        var grownTraining = ToyData.ContainsToken(300, Vocabulary + 10, seed: 9);
        var grownValidation = ToyData.ContainsToken(100, Vocabulary + 10, seed: 10);

        var result = Trainer().Train(grownTraining, grownValidation, Vocabulary + 10, ToyData.TinyModel(), Fast(epochs: 3), warmStart: old, cancellationToken: Token);
        using var model = result.Model;

        Assert.Equal(Vocabulary + 10, model.VocabularySize);
        Assert.True(result.BestValidationAuc > 0.5, $"validation AUC {result.BestValidationAuc}");
    }

    [Fact]
    public void Train_WarmStartWithSmallerVocabulary_Throws()
    {
        var training = ToyData.ContainsToken(100, Vocabulary, seed: 7);
        using var old = Trainer().Train(training, training, Vocabulary, ToyData.TinyModel(), Fast(epochs: 1), cancellationToken: Token).Model;

        Assert.Throws<ArgumentException>(
            () => Trainer().Train(training, training, Vocabulary - 1, ToyData.TinyModel(), Fast(epochs: 1), warmStart: old, cancellationToken: Token));
    }

    [Fact]
    public void Train_TimeBudgetSpentDuringFirstEpoch_StopsWithTimeBudgetAndKeepsAModel()
    {
        var training = ToyData.ContainsToken(400, Vocabulary, seed: 12);
        var validation = ToyData.ContainsToken(100, Vocabulary, seed: 13);
        var options = Fast(epochs: 50);
        options.TimeBudget = TimeSpan.FromSeconds(5);

        // Every timestamp read moves the clock a second on, so the budget runs out a few batches in.
        var result = Trainer(new SteppingTime(TimeSpan.FromSeconds(1))).Train(training, validation, Vocabulary, ToyData.TinyModel(), options, cancellationToken: Token);
        using var model = result.Model;

        Assert.Equal(GruStopReason.TimeBudget, result.StopReason);
        Assert.Single(result.Epochs);
        Assert.InRange(result.Epochs[0].Sequences, 1, training.Count - 1);
        Assert.Equal(1, result.BestEpoch);
    }

    [Fact]
    public void Train_OnlyNegatives_Throws()
    {
        var training = ToyData.ContainsToken(50, Vocabulary, seed: 14).Select(e => e with { IsPositive = false }).ToList();

        var error = Assert.Throws<ArgumentException>(
            () => Trainer().Train(training, ToyData.ContainsToken(50, Vocabulary, seed: 15), Vocabulary, ToyData.TinyModel(), Fast(epochs: 1), cancellationToken: Token));
        Assert.Equal("training", error.ParamName);
    }

    [Fact]
    public void Train_Cancelled_ThrowsOperationCanceled()
    {
        var training = ToyData.ContainsToken(100, Vocabulary, seed: 16);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(
            () => Trainer().Train(training, training, Vocabulary, ToyData.TinyModel(), Fast(epochs: 1), cancellationToken: cancelled.Token));
    }

    private static double Auc(float[] scores, List<LabeledSequence> examples)
    {
        var positives = examples.Select(e => e.IsPositive).ToArray();
        return Clickcast.Training.Evaluation.BinaryMetrics.RocAuc(Array.ConvertAll(scores, s => (double)s), positives);
    }

    /// <summary>A clock whose every timestamp read is one step later than the previous.</summary>
    private sealed class SteppingTime(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }
}
