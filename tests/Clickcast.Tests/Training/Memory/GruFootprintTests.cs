using Clickcast.Training;
using Clickcast.Training.Memory;

namespace Clickcast.Tests.Training.Memory;

/// <summary>The GRU's training charges its encoded chains per client and, once, its weights' copies and a batch.</summary>
public sealed class GruFootprintTests
{
    // Embeddings V × E + 34 × Et (32 types, pad and other); the first layer 3H × (E + Et + 6 + H) + 6H; each further
    // layer 3H × 2H + 6H; the output H + 1.
    // Defaults: 20,000 × 64 + 34 × 8 = 1,280,272; 3 × 128 × 206 + 768 = 79,872; 129.
    [Theory]
    [InlineData(64, 8, 128, 1, 20_000, 1_360_273L)]
    [InlineData(3, 0, 4, 1, 10, 30L + 180 + 5)]          // 3 × 4 × 13 + 24 = 180
    [InlineData(3, 0, 4, 2, 10, 30L + 180 + 120 + 5)]    // a second layer: 3 × 4 × 8 + 24 = 120
    [InlineData(64, 8, 128, 1, 1_000_000, 64_080_273L)]  // the vocabulary dominates: 64 floats a token
    public void Parameters_CountsEmbeddingsLayersAndOutput(int embedding, int typeEmbedding, int hidden, int layers, int vocabulary, long expected) =>
        Assert.Equal(expected, GruFootprint.Parameters(Gru(embedding, typeEmbedding, hidden, layers), vocabulary));

    // Per step: 40 bytes of inputs + 4 × (4 × 78 embedded columns with their gradients + layers × 34 × H activations).
    [Theory]
    [InlineData(128, 1, 200, 128L * 200 * (40 + (4 * (312 + 4_352))))]
    [InlineData(128, 1, 40, 128L * 40 * (40 + (4 * (312 + 4_352))))]   // a shorter window: a fifth
    [InlineData(32, 1, 200, 32L * 200 * (40 + (4 * (312 + 4_352))))]   // a smaller batch: a quarter
    [InlineData(128, 2, 200, 128L * 200 * (40 + (4 * (312 + 8_704))))] // a second layer's activations
    public void TrainingBatchBytes_GrowWithBatchWindowAndLayers(int batchSize, int layers, int window, long expected)
    {
        var gru = Gru(64, 8, 128, layers);
        gru.BatchSize = batchSize;

        Assert.Equal(expected, GruFootprint.TrainingBatchBytes(gru, window));
    }

    // 16,384 steps × (40 + 4 × (3 × 78 + layers × 5 × 128)), whatever the scoring batch size or window.
    [Theory]
    [InlineData(1, 16_384L * (40 + (4 * (234 + 640))))]
    [InlineData(2, 16_384L * (40 + (4 * (234 + 1_280))))]
    public void ScoringBatchBytes_AreBoundedBySteps(int layers, long expected) =>
        Assert.Equal(expected, GruFootprint.ScoringBatchBytes(Gru(64, 8, 128, layers)));

    // Scoring threads: model.gru.scoringParallelism, or cores ÷ model.gru.threads (1).
    [Theory]
    [InlineData(0, 2, 2)]
    [InlineData(0, 8, 8)]
    [InlineData(1, 8, 1)]
    [InlineData(3, 2, 3)]
    public void FixedBytes_AreTheWeightsCopiesATrainingBatchAndAScoringBatchPerThread(int scoringParallelism, int cores, int threads)
    {
        var settings = new ModelSettings { Gru = new GruSettings { ScoringParallelism = scoringParallelism } };

        var expected = (5 * 4 * 1_360_273L) + GruFootprint.TrainingBatchBytes(settings.Gru, 200) + (threads * GruFootprint.ScoringBatchBytes(settings.Gru));
        Assert.Equal(expected, GruFootprint.FixedBytes(settings, cores));
    }

    [Fact]
    public void FixedBytes_Defaults_AreAbout593MiB() =>
        Assert.Equal(621_690_708L, GruFootprint.FixedBytes(new ModelSettings(), processorCount: 2));

    [Fact]
    public void FixedBytes_FollowTheLargestVocabularyAndWindow()
    {
        var small = new ModelSettings { VocabularyMaxSize = 1_000, MaxSequenceLength = 50 };
        var large = new ModelSettings { VocabularyMaxSize = 100_000, MaxSequenceLength = 500 };

        Assert.True(GruFootprint.FixedBytes(small, 2) < GruFootprint.FixedBytes(new ModelSettings(), 2));
        Assert.True(GruFootprint.FixedBytes(large, 2) > GruFootprint.FixedBytes(new ModelSettings(), 2));
    }

    private static GruSettings Gru(int embedding, int typeEmbedding, int hidden, int layers) => new()
    {
        EmbeddingSize = embedding,
        EventTypeEmbeddingSize = typeEmbedding,
        HiddenSize = hidden,
        Layers = layers,
    };
}
