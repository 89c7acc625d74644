namespace Clickcast.Training;

/// <summary>A tenant's pretrained sequence encoder, downloaded for a training run (docs/models.md, "Pretraining").</summary>
/// <param name="Key">Its folder in the object store (<c>tenants/{tenant}/encoders/{generation}/</c>): named in the model's manifest.</param>
/// <param name="Folder">Its local copy, which an <see cref="IModelFamily"/> that can start from it loads.</param>
public sealed record PretrainedEncoder(string Key, string Folder)
{
    /// <summary>The key of <see cref="ModelManifest.Details"/> naming the encoder a model was initialised from.</summary>
    public const string DetailsKey = "initialisedFromEncoder";
}
