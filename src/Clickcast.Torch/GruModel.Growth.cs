using Clickcast.Torch.Network;
using Clickcast.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Clickcast.Torch;

public sealed partial class GruModel
{
    /// <summary>An untrained model with seeded random weights (tests, benchmarks and golden artifacts).</summary>
    internal static GruModel Create(int vocabularySize, GruModelOptions options, int seed, TorchOptions torch, EventTypeVocabulary? eventTypes = null)
    {
        var device = TorchRuntime.Apply(torch);
        var network = CreateNetwork(vocabularySize, options, seed, options.EventTypeEmbeddingSize > 0 ? eventTypes?.Count ?? 0 : 0);
        network.to(device);
        return new GruModel(network, options, device, torch, network.EventTypeCount > 0 ? eventTypes : null);
    }

    /// <summary>A freshly initialised network; the seed fixes its weights.</summary>
    internal static GruNetwork CreateNetwork(int vocabularySize, GruModelOptions options, int seed, int eventTypeCount = 0)
    {
        manual_seed(seed);
        return new GruNetwork(vocabularySize, options, eventTypeCount);
    }

    /// <summary>
    /// A network that computes exactly what <paramref name="source"/> does on its vocabulary, with room for more ids:
    /// a fresh network of the new size (seeded, so its new embedding rows are what a fresh model would have), then
    /// every weight of the source copied over it, the embeddings (tokens, event types) row by row.
    /// </summary>
    internal static GruNetwork GrowNetwork(GruModel source, int vocabularySize, GruModelOptions options, int seed, int eventTypeCount = 0)
    {
        var network = CreateNetwork(vocabularySize, options, seed, eventTypeCount);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var target = network.state_dict();
        foreach (var (name, value) in source.Network.state_dict())
        {
            var old = value.cpu();
            if (name is GruNetwork.EmbeddingWeightName or GruNetwork.EventTypeWeightName)
            {
                target[name].narrow(0, 0, old.shape[0]).copy_(old);
            }
            else
            {
                target[name].copy_(old);
            }
        }

        return network;
    }
}
