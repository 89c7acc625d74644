using Clickcast.IntegrationTests.Support;
using Clickcast.Torch;
using Clickcast.Torch.Pretraining;
using Clickcast.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Torch.Pretraining;

public sealed class ContrastivePretrainerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ContrastivePretrainer Pretrainer() => new(ToyData.OneThread(), new FakeTimeProvider(), NullLogger<ContrastivePretrainer>.Instance);

    [Fact]
    public void Pretrain_ClientsWithStableSignatures_LossFallsAndSubChainsOfOneClientEndCloserThanOthers()
    {
        var clients = PretrainingData.Clients(240, seed: 1);
        using var untrained = new ChainEncoder(
            GruModel.Create(PretrainingData.VocabularySize, ToyData.TinyModel(), seed: 5, ToyData.OneThread()),
            new EncoderManifest(1, PretrainingData.Vocabulary().Tokens, 0, 0, [], DateTimeOffset.UnixEpoch));

        using var encoder = Pretrainer().Pretrain(clients, PretrainingData.Vocabulary(), ToyData.TinyModel(), PretrainingData.Fast(), seed: 5, cancellationToken: Token);

        var losses = encoder.Manifest.EpochLosses;
        Assert.Equal(8, losses.Count);
        Assert.True(losses[^1] < losses[0] * 0.8, $"loss {losses[0]} -> {losses[^1]}");
        var before = SimilarityGap(untrained, clients);
        var after = SimilarityGap(encoder, clients);
        Assert.True(after > 0.2 && after > before + 0.1, $"positive - negative cosine: {before:0.###} before, {after:0.###} after");
    }

    [Fact]
    public void Pretrain_SameChainsAndSeed_SameLosses()
    {
        var clients = PretrainingData.Clients(80, seed: 2);

        using var first = Pretrainer().Pretrain(clients, PretrainingData.Vocabulary(), ToyData.TinyModel(), PretrainingData.Fast(2), seed: 3, cancellationToken: Token);
        using var second = Pretrainer().Pretrain(clients, PretrainingData.Vocabulary(), ToyData.TinyModel(), PretrainingData.Fast(2), seed: 3, cancellationToken: Token);

        Assert.Equal(first.Manifest.EpochLosses, second.Manifest.EpochLosses);
    }

    [Fact]
    public void Pretrain_FewerThanTwoChainsOfTwoEvents_Throws()
    {
        var clients = PretrainingData.Clients(5, seed: 2, minLength: 1, maxLength: 1);
        clients.Add(PretrainingData.Clients(1, seed: 3)[0]);

        Assert.Throws<ArgumentException>(() => Pretrainer().Pretrain(clients, PretrainingData.Vocabulary(), ToyData.TinyModel(), PretrainingData.Fast(1), seed: 3, cancellationToken: Token));
    }

    [Fact]
    public void Pretrain_MaxClients_SamplesThatMany()
    {
        var settings = PretrainingData.Fast(1);
        settings.MaxClients = 20;

        using var encoder = Pretrainer().Pretrain(PretrainingData.Clients(100, seed: 4), PretrainingData.Vocabulary(), ToyData.TinyModel(), settings, seed: 3, cancellationToken: Token);

        Assert.Equal(20, encoder.Manifest.Clients);
    }

    /// <summary>Mean cosine of two fresh sub-chains of one client, minus the mean cosine across clients.</summary>
    private static double SimilarityGap(ChainEncoder encoder, List<EncodedSequence> clients)
    {
        var random = new Random(99);
        var first = encoder.Embed(clients.Select(c => SubChains.Sample(c, 5, 10, random)).ToList());
        var second = encoder.Embed(clients.Select(c => SubChains.Sample(c, 5, 10, random)).ToList());
        double positive = 0, negative = 0;
        for (var i = 0; i < clients.Count; i++)
        {
            positive += Cosine(first[i], second[i]);
            negative += Cosine(first[i], second[(i + 1) % clients.Count]);
        }

        return (positive - negative) / clients.Count;
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
