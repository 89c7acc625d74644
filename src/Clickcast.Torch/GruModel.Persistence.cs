using System.Text.Json;
using Clickcast.Storage;
using Clickcast.Torch.Network;
using Clickcast.Training;
using TorchSharp;

namespace Clickcast.Torch;

public sealed partial class GruModel
{
    /// <summary>The weights, in TorchSharp's state-dictionary format.</summary>
    internal const string WeightsFileName = "weights.bin";

    /// <summary>The shape needed to rebuild the network before the weights can be read.</summary>
    internal const string DescriptionFileName = "model.json";

    private const int Format = 2;

    /// <summary>Writes the model into <paramref name="folder"/> (created if missing): weights and a small JSON description.</summary>
    public void Save(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        var description = new GruModelDescription(
            Format, VocabularySize, EncodedSequence.FeatureCount, _options.EmbeddingSize, _options.HiddenSize,
            _options.Layers, _options.Dropout, _options.MaxSequenceLength, _network.EventTypeEmbeddingSize, EventTypes?.Types);

        // Each file appears whole or not at all, so a reader never sees half a model file.
        var weights = Path.Combine(folder, WeightsFileName);
        _network.save(weights + ".tmp");
        File.Move(weights + ".tmp", weights, overwrite: true);
        var json = Path.Combine(folder, DescriptionFileName);
        File.WriteAllText(json + ".tmp", JsonSerializer.Serialize(description, ClickcastJson.Indented));
        File.Move(json + ".tmp", json, overwrite: true);
    }

    /// <summary>Reads a model that <see cref="Save"/> wrote, onto the device in <paramref name="torch"/>.</summary>
    /// <exception cref="InvalidDataException">The folder holds a model of another format.</exception>
    public static GruModel Load(string folder, TorchOptions torch)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var device = TorchRuntime.Apply(torch);
        var description = JsonSerializer.Deserialize<GruModelDescription>(
            File.ReadAllText(Path.Combine(folder, DescriptionFileName)), ClickcastJson.Options)
            ?? throw new InvalidDataException($"{folder}: empty model description.");
        if (description.Format is < 1 or > Format || description.FeatureCount != EncodedSequence.FeatureCount)
        {
            throw new InvalidDataException(
                $"{folder}: model format {description.Format} with {description.FeatureCount} time features; this build reads formats 1-{Format} with {EncodedSequence.FeatureCount}.");
        }

        // Format 1 had no event types: such a model is rebuilt without the type embedding and scores as it did.
        var eventTypes = description.Format >= 2 && description.EventTypeEmbeddingSize > 0 && description.EventTypes is { } types
            ? new EventTypeVocabulary(types)
            : null;

        var options = new GruModelOptions
        {
            EmbeddingSize = description.EmbeddingSize,
            HiddenSize = description.HiddenSize,
            Layers = description.Layers,
            Dropout = description.Dropout,
            MaxSequenceLength = description.MaxSequenceLength,
            EventTypeEmbeddingSize = eventTypes is null ? 0 : description.EventTypeEmbeddingSize,
        };
        var network = new GruNetwork(description.VocabularySize, options, eventTypes?.Count ?? 0);
        try
        {
            // strict: a weights file whose names do not match the network's (a renamed field) must fail here,
            // not score with freshly initialised weights.
            network.load(Path.Combine(folder, WeightsFileName), strict: true);
            network.to(device);
            return new GruModel(network, options, device, torch, eventTypes);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
