using System.Text.Json;
using Clickcast.Torch;
using Clickcast.Torch.Network;
using Clickcast.Training;
using Clickcast.Training.Memory;

namespace Clickcast.IntegrationTests.Torch;

/// <summary>A task's GRU defaults live in one place (<see cref="GruSettings"/>); the Torch project's options follow them.</summary>
public sealed class GruDefaultsTests
{
    [Fact]
    public void GruTrainingOptions_Defaults_AreATasksDefaults()
    {
        Assert.Equal(JsonSerializer.Serialize(GruTrainingOptions.From(new GruSettings())), JsonSerializer.Serialize(new GruTrainingOptions()));
    }

    [Fact]
    public void GruModelOptions_Defaults_AreATasksDefaults()
    {
        Assert.Equal(JsonSerializer.Serialize(GruModelOptions.From(new ModelSettings())), JsonSerializer.Serialize(new GruModelOptions()));
    }

    [Fact]
    public void From_MapsEverySetting()
    {
        var settings = new GruSettings { MaxEpochs = 7, BatchSize = 33, LearningRate = 0.02, WeightDecay = 0.1, Patience = 5, TimeBudget = TimeSpan.FromMinutes(3), Seed = 9 };

        var options = GruTrainingOptions.From(settings);

        Assert.Equal((7, 33, 0.02, 0.1, 5, TimeSpan.FromMinutes(3), 9), (options.MaxEpochs, options.BatchSize, options.LearningRate, options.WeightDecay, options.EarlyStoppingPatience, options.TimeBudget, options.Seed));
    }

    // The memory budget's count of the GRU's parameters (Training.Memory.GruFootprint) is the network's own, at the
    // most event types a model embeds.
    [Theory]
    [InlineData(64, 8, 128, 1, 500)]
    [InlineData(16, 0, 32, 2, 300)]
    [InlineData(8, 4, 12, 3, 50)]
    public void GruFootprintParameters_AreTheNetworksParameters(int embedding, int typeEmbedding, int hidden, int layers, int vocabulary)
    {
        var settings = new ModelSettings { Gru = new GruSettings { EmbeddingSize = embedding, EventTypeEmbeddingSize = typeEmbedding, HiddenSize = hidden, Layers = layers } };
        using var network = new GruNetwork(vocabulary, GruModelOptions.From(settings), EventTypeVocabulary.MaxTypes + 2);

        Assert.Equal(GruFootprint.Parameters(settings.Gru, vocabulary), network.parameters().Sum(p => p.numel()));
    }
}
