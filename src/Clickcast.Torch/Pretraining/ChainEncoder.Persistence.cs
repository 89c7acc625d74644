using System.Text.Json;
using Clickcast.Storage;

namespace Clickcast.Torch.Pretraining;

public sealed partial class ChainEncoder
{
    /// <summary>The manifest's file in an encoder folder (beside the model's <c>weights.bin</c> and <c>model.json</c>).</summary>
    public const string ManifestFileName = "encoder.json";

    internal const int Format = 1;

    /// <summary>Writes weights, shape and manifest into <paramref name="folder"/> (created if missing).</summary>
    public void Save(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Model.Save(folder);
        var json = Path.Combine(folder, ManifestFileName);
        File.WriteAllText(json + ".tmp", JsonSerializer.Serialize(Manifest, ClickcastJson.Indented));
        File.Move(json + ".tmp", json, overwrite: true);
    }

    /// <summary>Reads an encoder that <see cref="Save"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The folder holds an encoder of another format.</exception>
    public static ChainEncoder Load(string folder, TorchOptions torch)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var manifest = JsonSerializer.Deserialize<EncoderManifest>(File.ReadAllText(Path.Combine(folder, ManifestFileName)), ClickcastJson.Options)
            ?? throw new InvalidDataException($"{folder}: empty encoder manifest.");
        if (manifest.Format != Format)
        {
            throw new InvalidDataException($"{folder}: encoder format {manifest.Format}; this build reads {Format}.");
        }

        var model = GruModel.Load(folder, torch);
        try
        {
            return new ChainEncoder(model, manifest);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
