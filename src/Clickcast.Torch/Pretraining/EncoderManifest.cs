namespace Clickcast.Torch.Pretraining;

/// <summary>What a pretrained encoder was built from, saved beside its weights as <c>encoder.json</c>.</summary>
/// <param name="Format">Layout of the encoder folder; this build reads 1.</param>
/// <param name="Tokens">The vocabulary the embedding rows belong to, by id (a task maps its own tokens onto them).</param>
/// <param name="Clients">Client chains pretrained on.</param>
/// <param name="SequenceEvents">Events in the tenant's sequences at the time (the regrowth rule compares with it).</param>
/// <param name="EpochLosses">Mean InfoNCE loss per epoch.</param>
/// <param name="CreatedAt">When pretraining finished.</param>
public sealed record EncoderManifest(
    int Format,
    IReadOnlyList<string> Tokens,
    int Clients,
    long SequenceEvents,
    IReadOnlyList<double> EpochLosses,
    DateTimeOffset CreatedAt);
