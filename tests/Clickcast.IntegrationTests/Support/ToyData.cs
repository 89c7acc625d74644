using Clickcast.Torch;
using Clickcast.Training;

namespace Clickcast.IntegrationTests.Support;

/// <summary>Small seeded data sets for model tests.</summary>
public static class ToyData
{
    /// <summary>The token whose presence makes a chain positive in <see cref="ContainsToken"/>.</summary>
    public const int TargetToken = 7;

    /// <summary>
    /// Random chains over ids 2 .. vocabularySize - 1; a chain is positive when it contains <see cref="TargetToken"/>.
    /// </summary>
    public static List<LabeledSequence> ContainsToken(int count, int vocabularySize, int seed, int minLength = 2, int maxLength = 12)
    {
        var random = new Random(seed);
        var examples = new List<LabeledSequence>(count);
        for (var i = 0; i < count; i++)
        {
            var sequence = Sequence(random, random.Next(minLength, maxLength + 1), vocabularySize, avoid: TargetToken);
            // Plant the target in about a third of the chains, so both classes are common.
            var positive = random.NextDouble() < 0.35;
            if (positive)
            {
                sequence.TokenIds[random.Next(sequence.Length)] = TargetToken;
            }

            examples.Add(new LabeledSequence(sequence, positive));
        }

        return examples;
    }

    /// <summary>A chain of the given length with random ids (never PAD or UNK) and time features.</summary>
    public static EncodedSequence Sequence(Random random, int length, int vocabularySize, int avoid = -1)
    {
        var ids = new int[length];
        for (var t = 0; t < length; t++)
        {
            do
            {
                ids[t] = random.Next(Vocabulary.UnknownId + 1, vocabularySize);
            }
            while (ids[t] == avoid);
        }

        var features = new float[length * EncodedSequence.FeatureCount];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return new EncodedSequence(ids, features);
    }

    public static TorchOptions OneThread() => new() { Threads = 1 };

    public static GruModelOptions TinyModel() => new() { EmbeddingSize = 8, HiddenSize = 16, Dropout = 0.1, MaxSequenceLength = 50 };
}
