using Clickcast.IntegrationTests.Support;
using Clickcast.Torch;
using Clickcast.Torch.Network;
using Clickcast.Training;

namespace Clickcast.IntegrationTests.Torch;

public sealed class GruModelTests : IDisposable
{
    private const int Vocabulary = 30;
    private readonly TempFolder _folder = new();
    private readonly GruModel _model = Fresh(seed: 3);

    public void Dispose()
    {
        _model.Dispose();
        _folder.Dispose();
    }

    private static GruModel Fresh(int seed, GruModelOptions? options = null)
    {
        return GruModel.Create(Vocabulary, options ?? ToyData.TinyModel(), seed, ToyData.OneThread());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Score_ChainAloneOrBesideMuchLongerOnes_SameScore(bool packed)
    {
        _model.Network.FinalState = packed ? FinalState.Packed : FinalState.Gather;
        var random = new Random(1);
        var shortChain = ToyData.Sequence(random, 3, Vocabulary);
        var batch = new List<EncodedSequence> { ToyData.Sequence(random, 45, Vocabulary), shortChain, ToyData.Sequence(random, 40, Vocabulary) };

        var alone = _model.ScoreLogits([shortChain])[0];
        var beside = _model.ScoreLogits(batch)[1];

        Assert.Equal(alone, beside, 1e-6f);
    }

    [Fact]
    public void Score_PackedAndGathered_Agree()
    {
        var random = new Random(2);
        var chains = Enumerable.Range(0, 50).Select(i => ToyData.Sequence(random, 1 + (i % 37), Vocabulary)).ToList();

        _model.Network.FinalState = FinalState.Gather;
        var gathered = _model.ScoreLogits(chains);
        _model.Network.FinalState = FinalState.Packed;
        var packed = _model.ScoreLogits(chains);

        for (var i = 0; i < chains.Count; i++)
        {
            Assert.Equal(gathered[i], packed[i], 1e-5f);
        }
    }

    [Fact]
    public void Score_ManyChainsInSeveralBatches_ComeBackInInputOrder()
    {
        var random = new Random(3);
        var chains = Enumerable.Range(0, 40).Select(_ => ToyData.Sequence(random, random.Next(1, 30), Vocabulary)).ToList();
        using var smallBatches = GruModel.Create(Vocabulary, ToyData.TinyModel(), seed: 3, new TorchOptions { Threads = 1, ScoringBatchSize = 7 });

        var together = smallBatches.ScoreLogits(chains);
        var oneByOne = chains.Select(c => _model.ScoreLogits([c])[0]).ToArray();

        for (var i = 0; i < chains.Count; i++)
        {
            Assert.Equal(oneByOne[i], together[i], 1e-6f);
        }
    }

    [Fact]
    public void Score_BatchesInParallel_SameScoresInInputOrder()
    {
        var random = new Random(4);
        var chains = Enumerable.Range(0, 300).Select(_ => ToyData.Sequence(random, random.Next(1, 60), Vocabulary)).ToList();
        using var serial = GruModel.Create(Vocabulary, ToyData.TinyModel(), seed: 5, new TorchOptions { Threads = 1, ScoringBatchSize = 16 });
        using var parallel = GruModel.Create(Vocabulary, ToyData.TinyModel(), seed: 5, new TorchOptions { Threads = 1, ScoringBatchSize = 16, ScoringParallelism = 4 });

        var expected = serial.Score(chains);

        // Several passes: a race between batches would show as a score in the wrong place or a torn batch.
        for (var pass = 0; pass < 5; pass++)
        {
            Assert.Equal(expected, parallel.Score(chains));
        }
    }

    [Fact]
    public void Score_Probabilities_AreSigmoidOfLogits()
    {
        var chains = new List<EncodedSequence> { ToyData.Sequence(new Random(4), 5, Vocabulary) };

        var logit = _model.ScoreLogits(chains)[0];
        var probability = _model.Score(chains)[0];

        Assert.Equal(1 / (1 + MathF.Exp(-logit)), probability, 1e-6f);
    }

    [Fact]
    public void Score_ChainLongerThanMaxSequenceLength_ReadsOnlyTheMostRecentSteps()
    {
        var options = ToyData.TinyModel();
        options.MaxSequenceLength = 10;
        using var model = Fresh(seed: 5, options);
        var chain = ToyData.Sequence(new Random(5), 25, Vocabulary);
        var recent = new EncodedSequence(chain.TokenIds[15..], chain.Features[(15 * EncodedSequence.FeatureCount)..]);

        Assert.Equal(model.ScoreLogits([recent])[0], model.ScoreLogits([chain])[0], 1e-6f);
    }

    [Fact]
    public void Score_IdBeyondTheVocabulary_ScoresAsUnknown()
    {
        var chain = ToyData.Sequence(new Random(6), 6, Vocabulary);
        var unknown = new EncodedSequence((int[])chain.TokenIds.Clone(), chain.Features);
        var beyond = new EncodedSequence((int[])chain.TokenIds.Clone(), chain.Features);
        unknown.TokenIds[2] = Clickcast.Training.Vocabulary.UnknownId;
        beyond.TokenIds[2] = Vocabulary + 100;

        Assert.Equal(_model.ScoreLogits([unknown])[0], _model.ScoreLogits([beyond])[0]);
    }

    [Fact]
    public void Score_ChainWithoutSteps_Throws()
    {
        Assert.Throws<ArgumentException>(() => _model.Score([new EncodedSequence([], [])]));
    }

    [Fact]
    public void Score_FeaturesNotMatchingSteps_Throws()
    {
        Assert.Throws<ArgumentException>(() => _model.Score([new EncodedSequence([2, 3], new float[EncodedSequence.FeatureCount])]));
    }

    [Fact]
    public void Score_NoChains_ReturnsEmpty()
    {
        Assert.Empty(_model.Score([]));
    }

    [Fact]
    public void SaveThenLoad_SameScoresAndShape()
    {
        var random = new Random(7);
        var chains = Enumerable.Range(0, 20).Select(_ => ToyData.Sequence(random, random.Next(1, 20), Vocabulary)).ToList();

        _model.Save(_folder.Path);
        using var loaded = GruModel.Load(_folder.Path, ToyData.OneThread());

        Assert.Equal(_model.ScoreLogits(chains), loaded.ScoreLogits(chains));
        Assert.Equal(Vocabulary, loaded.VocabularySize);
        Assert.Equal(_model.Options.HiddenSize, loaded.Options.HiddenSize);
        Assert.Equal(_model.Options.MaxSequenceLength, loaded.Options.MaxSequenceLength);
    }

    [Fact]
    public void Load_DescriptionOfAnotherFormat_ThrowsInvalidData()
    {
        _model.Save(_folder.Path);
        var json = _folder.File(GruModel.DescriptionFileName);
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"format\": 2", "\"format\": 99", StringComparison.Ordinal));

        Assert.Throws<InvalidDataException>(() => GruModel.Load(_folder.Path, ToyData.OneThread()));
    }

    [Fact]
    public void StateDictionary_ParameterNames_AreTheNamesStoredModelsUse()
    {
        Assert.Equal(
            ["embedding.weight", "gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0", "output.weight", "output.bias"],
            _model.Network.state_dict().Keys.ToArray());
    }

    [Fact]
    public void CreateNetwork_PaddingRow_IsZero()
    {
        var padding = _model.Network.state_dict()["embedding.weight"][Clickcast.Training.Vocabulary.PadId];

        Assert.Equal(0f, padding.abs().sum().item<float>());
    }
}
