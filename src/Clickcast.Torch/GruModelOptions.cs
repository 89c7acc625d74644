using System.ComponentModel.DataAnnotations;

namespace Clickcast.Torch;

/// <summary>
/// The shape of a GRU model. Saved with the model: a loaded model keeps the shape it was trained with.
/// </summary>
public sealed class GruModelOptions
{
    /// <summary>Width of the learned vector per vocabulary token.</summary>
    [Range(1, 4096)]
    public int EmbeddingSize { get; set; } = 64;

    /// <summary>Width of the GRU's state: what the network remembers of a chain so far.</summary>
    [Range(1, 4096)]
    public int HiddenSize { get; set; } = 128;

    /// <summary>Stacked GRU layers.</summary>
    [Range(1, 8)]
    public int Layers { get; set; } = 1;

    /// <summary>
    /// Share of units dropped while training, on the final state before the output layer and between stacked layers.
    /// </summary>
    [Range(0.0, 0.9)]
    public double Dropout { get; set; } = 0.1;

    /// <summary>Most recent steps of a chain the network reads; older steps are ignored, in training and scoring.</summary>
    [Range(1, 100_000)]
    public int MaxSequenceLength { get; set; } = 200;
}
