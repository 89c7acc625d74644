using Clickcast.IntegrationTests.Support;
using Clickcast.Training;

namespace Clickcast.IntegrationTests.Torch.Pretraining;

/// <summary>Clients with a stable signature: each mostly visits its own three favourite tokens.</summary>
internal static class PretrainingData
{
    public const int VocabularySize = 40;

    public static Vocabulary Vocabulary(int size = VocabularySize) =>
        Clickcast.Training.Vocabulary.FromTokens([Clickcast.Training.Vocabulary.PadToken, Clickcast.Training.Vocabulary.UnknownToken, .. Enumerable.Range(2, size - 2).Select(i => "t" + i)]);

    /// <summary>Client i's favourites are a seeded draw; 85 % of its steps are one of them, the rest random.</summary>
    public static List<EncodedSequence> Clients(int count, int seed, int minLength = 20, int maxLength = 30)
    {
        var random = new Random(seed);
        var chains = new List<EncodedSequence>(count);
        for (var i = 0; i < count; i++)
        {
            var favourites = Enumerable.Range(0, 3).Select(_ => random.Next(2, VocabularySize)).ToArray();
            var chain = ToyData.Sequence(random, random.Next(minLength, maxLength + 1), VocabularySize);
            for (var t = 0; t < chain.Length; t++)
            {
                if (random.NextDouble() < 0.85)
                {
                    chain.TokenIds[t] = favourites[random.Next(favourites.Length)];
                }
            }

            chains.Add(chain);
        }

        return chains;
    }

    public static PretrainingSettings Fast(int epochs = 8) => new()
    {
        Epochs = epochs,
        BatchSize = 32,
        SubChainMin = 5,
        SubChainMax = 10,
        Temperature = 0.1,
        LearningRate = 0.01,
    };
}
