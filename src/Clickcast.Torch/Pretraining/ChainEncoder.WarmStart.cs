using Clickcast.Torch.Network;
using Clickcast.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Clickcast.Torch.Pretraining;

public sealed partial class ChainEncoder
{
    /// <summary>
    /// Whether a task's GRU of <paramref name="shape"/> reading <paramref name="eventTypes"/> can start from this
    /// encoder: the same embedding, type-embedding and hidden widths and layers (the vocabularies may differ).
    /// </summary>
    public bool CanWarmStart(GruModelOptions shape, EventTypeVocabulary? eventTypes)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var own = Model.Options;
        var typeWidth = shape.EventTypeEmbeddingSize > 0 && eventTypes is not null ? shape.EventTypeEmbeddingSize : 0;
        return own.EmbeddingSize == shape.EmbeddingSize && own.HiddenSize == shape.HiddenSize && own.Layers == shape.Layers
            && own.EventTypeEmbeddingSize == typeWidth;
    }

    /// <summary>
    /// A task model to pass to <see cref="GruTrainer.Train"/> as its warm start: a fresh seeded network over the
    /// task's <paramref name="vocabulary"/> and <paramref name="eventTypes"/>, whose GRU weights are the encoder's and
    /// whose embedding rows are the encoder's for every token (and event type) it knows, matched by name; tokens the
    /// encoder never saw keep their fresh random rows, and the output layer stays fresh.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ (<see cref="CanWarmStart"/>).</exception>
    public GruModel WarmStart(Vocabulary vocabulary, GruModelOptions shape, EventTypeVocabulary? eventTypes, int seed, TorchOptions torch)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(torch);
        if (!CanWarmStart(shape, eventTypes))
        {
            var own = Model.Options;
            throw new ArgumentException(
                $"The encoder's shape (embedding {own.EmbeddingSize}, event types {own.EventTypeEmbeddingSize}, hidden {own.HiddenSize}, {own.Layers} layer(s)) differs from the task's.",
                nameof(shape));
        }

        eventTypes = shape.EventTypeEmbeddingSize > 0 ? eventTypes : null;
        var device = TorchRuntime.Apply(torch);
        var network = GruModel.CreateNetwork(vocabulary.Count, shape, seed, eventTypes?.Count ?? 0);
        try
        {
            using (no_grad())
            using (NewDisposeScope())
            {
                var target = network.state_dict();
                foreach (var (name, value) in Model.Network.state_dict())
                {
                    if (name.StartsWith("gru.", StringComparison.Ordinal))
                    {
                        target[name].copy_(value.cpu());
                    }
                }

                CopyRows(target[GruNetwork.EmbeddingWeightName], Model.Network.state_dict()[GruNetwork.EmbeddingWeightName].cpu(), TokenRows(vocabulary));
                if (eventTypes is not null && EventTypes is { } own)
                {
                    CopyRows(target[GruNetwork.EventTypeWeightName], Model.Network.state_dict()[GruNetwork.EventTypeWeightName].cpu(), TypeRows(eventTypes, own));
                }
            }

            network.to(device);
            return new GruModel(network, shape, device, torch, eventTypes);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Pairs (task id, encoder id) of the tokens both vocabularies hold; PAD and UNK map onto themselves.</summary>
    internal IReadOnlyList<(int Task, int Encoder)> TokenRows(Vocabulary vocabulary)
    {
        var encoder = Vocabulary.FromTokens(Manifest.Tokens);
        var pairs = new List<(int, int)>();
        for (var id = 0; id < vocabulary.Count; id++)
        {
            var token = vocabulary.Tokens[id];
            if (id <= Vocabulary.UnknownId)
            {
                pairs.Add((id, id));
            }
            else if (encoder.Contains(token))
            {
                pairs.Add((id, encoder.IdOf(token)));
            }
        }

        return pairs;
    }

    private static List<(int Task, int Encoder)> TypeRows(EventTypeVocabulary task, EventTypeVocabulary encoder)
    {
        var pairs = new List<(int, int)> { (EventTypeVocabulary.PadId, EventTypeVocabulary.PadId), (EventTypeVocabulary.OtherId, EventTypeVocabulary.OtherId) };
        foreach (var type in task.Types)
        {
            if (encoder.Types.Contains(type, StringComparer.Ordinal))
            {
                pairs.Add((task.IdOf(type), encoder.IdOf(type)));
            }
        }

        return pairs;
    }

    private static void CopyRows(Tensor target, Tensor source, IReadOnlyList<(int Task, int Encoder)> rows)
    {
        foreach (var (task, encoder) in rows)
        {
            target[task].copy_(source[encoder]);
        }
    }
}
