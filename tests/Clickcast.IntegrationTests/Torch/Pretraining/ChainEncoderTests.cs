using Clickcast.IntegrationTests.Support;
using Clickcast.Torch;
using Clickcast.Torch.Network;
using Clickcast.Torch.Pretraining;
using Clickcast.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static TorchSharp.torch;

namespace Clickcast.IntegrationTests.Torch.Pretraining;

public sealed class ChainEncoderTests
{
    private static readonly Vocabulary EncoderTokens = Vocabulary.FromTokens([Vocabulary.PadToken, Vocabulary.UnknownToken, "a", "b", "c"]);
    private static readonly Vocabulary TaskTokens = Vocabulary.FromTokens([Vocabulary.PadToken, Vocabulary.UnknownToken, "c", "x", "a", "y"]);

    private static GruModelOptions Shape(int typeWidth = 4) => new() { EmbeddingSize = 8, HiddenSize = 16, EventTypeEmbeddingSize = typeWidth, MaxSequenceLength = 50 };

    private static ChainEncoder Encoder(EventTypeVocabulary? types) => new(
        GruModel.Create(EncoderTokens.Count, Shape(), seed: 1, ToyData.OneThread(), types),
        new EncoderManifest(1, EncoderTokens.Tokens, 10, 1234, [2.5, 1.5], DateTimeOffset.UnixEpoch));

    [Fact]
    public void WarmStart_OtherVocabulary_CopiesEmbeddingRowsByTokenAndTheGruWholly()
    {
        using var encoder = Encoder(new EventTypeVocabulary(["view", "buy"]));
        var taskTypes = new EventTypeVocabulary(["buy", "cart"]);

        using var model = encoder.WarmStart(TaskTokens, Shape(), taskTypes, seed: 7, ToyData.OneThread());

        var source = encoder.Model.Network.state_dict();
        var target = model.Network.state_dict();
        var tokens = (Source: source[GruNetwork.EmbeddingWeightName], Target: target[GruNetwork.EmbeddingWeightName]);
        Assert.True(tokens.Target[2].equal(tokens.Source[4]).all().item<bool>(), "c");
        Assert.True(tokens.Target[4].equal(tokens.Source[2]).all().item<bool>(), "a");
        Assert.True(tokens.Target[1].equal(tokens.Source[1]).all().item<bool>(), "<unk>");
        foreach (var fresh in new[] { 3, 5 })
        {
            for (var old = 1; old < EncoderTokens.Count; old++)
            {
                Assert.False(tokens.Target[fresh].equal(tokens.Source[old]).all().item<bool>(), $"task row {fresh} equals encoder row {old}");
            }
        }

        var types = (Source: source[GruNetwork.EventTypeWeightName], Target: target[GruNetwork.EventTypeWeightName]);
        Assert.True(types.Target[taskTypes.IdOf("buy")].equal(types.Source[encoder.EventTypes!.IdOf("buy")]).all().item<bool>(), "buy");
        Assert.True(types.Target[EventTypeVocabulary.OtherId].equal(types.Source[EventTypeVocabulary.OtherId]).all().item<bool>(), "other");
        Assert.False(types.Target[taskTypes.IdOf("cart")].equal(types.Source[encoder.EventTypes.IdOf("view")]).all().item<bool>(), "cart is new");
        foreach (var name in source.Keys.Where(n => n.StartsWith("gru.", StringComparison.Ordinal)))
        {
            Assert.True(target[name].equal(source[name]).all().item<bool>(), name);
        }

        Assert.Equal(TaskTokens.Count, model.VocabularySize);
        Assert.Equal(taskTypes.Types, model.EventTypes!.Types);
    }

    [Fact]
    public void WarmStart_OtherWidths_IsRefused()
    {
        using var encoder = Encoder(new EventTypeVocabulary(["view"]));
        var wider = Shape();
        wider.HiddenSize = 32;

        Assert.False(encoder.CanWarmStart(wider, new EventTypeVocabulary(["view"])));
        Assert.False(encoder.CanWarmStart(Shape(), eventTypes: null));
        Assert.Throws<ArgumentException>(() => encoder.WarmStart(TaskTokens, wider, new EventTypeVocabulary(["view"]), seed: 7, ToyData.OneThread()));
    }

    [Fact]
    public void WarmStart_ThenTrain_TheTrainerContinuesFromIt()
    {
        using var encoder = new ChainEncoder(
            GruModel.Create(20, ToyData.TinyModel(), seed: 1, ToyData.OneThread()),
            new EncoderManifest(1, PretrainingData.Vocabulary(20).Tokens, 10, 0, [], DateTimeOffset.UnixEpoch));
        using var start = encoder.WarmStart(PretrainingData.Vocabulary(20), ToyData.TinyModel(), null, seed: 7, ToyData.OneThread());
        var trainer = new GruTrainer(ToyData.OneThread(), new FakeTimeProvider(), NullLogger<GruTrainer>.Instance);

        var result = trainer.Train(
            ToyData.ContainsToken(300, 20, seed: 1), ToyData.ContainsToken(100, 20, seed: 2), 20, ToyData.TinyModel(),
            new GruTrainingOptions { MaxEpochs = 3, BatchSize = 32, LearningRate = 0.01, Seed = 7 }, start, cancellationToken: TestContext.Current.CancellationToken);
        using var trained = result.Model;

        Assert.True(result.BestValidationAuc > 0.6, $"validation AUC {result.BestValidationAuc}");
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameManifestAndEmbeddings()
    {
        var folder = Directory.CreateTempSubdirectory("clickcast-encoder").FullName;
        try
        {
            using var encoder = Encoder(new EventTypeVocabulary(["view", "buy"]));
            var chains = Enumerable.Range(0, 5).Select(i => ToyData.Sequence(new Random(i), 3 + i, EncoderTokens.Count) with { TypeIds = [.. Enumerable.Repeat(2, 3 + i)] }).ToList();

            encoder.Save(folder);
            using var loaded = ChainEncoder.Load(folder, ToyData.OneThread());

            Assert.Equal(encoder.Manifest.Tokens, loaded.Manifest.Tokens);
            Assert.Equal(encoder.Manifest.EpochLosses, loaded.Manifest.EpochLosses);
            Assert.Equal(1234, loaded.Manifest.SequenceEvents);
            Assert.Equal(encoder.EventTypes!.Types, loaded.EventTypes!.Types);
            Assert.Equal(encoder.Embed(chains), loaded.Embed(chains));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Embed_MoreChainsThanOneBatch_UnitVectorsInInputOrder()
    {
        using var encoder = Encoder(null);
        var random = new Random(8);
        var chains = Enumerable.Range(0, 600).Select(i => ToyData.Sequence(random, 1 + (i % 17), EncoderTokens.Count)).ToList();

        var all = encoder.Embed(chains);

        Assert.Equal(600, all.Length);
        foreach (var i in new[] { 0, 255, 256, 431, 599 })
        {
            var alone = encoder.Embed([chains[i]])[0];
            Assert.Equal(1.0, Math.Sqrt(all[i].Sum(v => (double)v * v)), precision: 4);
            Assert.All(alone.Zip(all[i]), p => Assert.Equal(p.First, p.Second, precision: 4));
        }
    }

    [Fact]
    public void SubChains_Sample_IsAContiguousSliceWithinTheLengths()
    {
        var random = new Random(3);
        var chain = new EncodedSequence([.. Enumerable.Range(2, 30)], [.. Enumerable.Range(0, 30 * EncodedSequence.FeatureCount).Select(i => (float)i)], [.. Enumerable.Range(100, 30)]);

        for (var i = 0; i < 200; i++)
        {
            var slice = SubChains.Sample(chain, 5, 12, random);
            var start = slice.TokenIds[0] - 2;
            Assert.InRange(slice.Length, 5, 12);
            Assert.Equal(Enumerable.Range(start + 2, slice.Length), slice.TokenIds);
            Assert.Equal(Enumerable.Range(start + 100, slice.Length), slice.TypeIds!);
            Assert.Equal(start * EncodedSequence.FeatureCount, slice.Features[0]);
        }

        Assert.Equal(3, SubChains.Sample(chain with { TokenIds = [2, 3, 4], Features = new float[18], TypeIds = null }, 5, 12, random).Length);
    }
}
