namespace Clickcast.Torch;

/// <summary>What <c>model.json</c> holds beside the weights: enough to rebuild the network they belong to.</summary>
internal sealed record GruModelDescription(
    int Format,
    int VocabularySize,
    int FeatureCount,
    int EmbeddingSize,
    int HiddenSize,
    int Layers,
    double Dropout,
    int MaxSequenceLength);
