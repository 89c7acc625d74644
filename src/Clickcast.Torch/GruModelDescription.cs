namespace Clickcast.Torch;

/// <summary>
/// What <c>model.json</c> holds beside the weights: enough to rebuild the network they belong to. Format 2 added
/// the event-type embedding's size and vocabulary (format 1 models have none and still load).
/// </summary>
internal sealed record GruModelDescription(
    int Format,
    int VocabularySize,
    int FeatureCount,
    int EmbeddingSize,
    int HiddenSize,
    int Layers,
    double Dropout,
    int MaxSequenceLength,
    int EventTypeEmbeddingSize = 0,
    IReadOnlyList<string>? EventTypes = null);
