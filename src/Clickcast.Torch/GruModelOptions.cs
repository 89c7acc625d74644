using System.ComponentModel.DataAnnotations;
using Clickcast.Training;

namespace Clickcast.Torch;

/// <summary>
/// The shape of a GRU model. Saved with the model: a loaded model keeps the shape it was trained with. The
/// defaults are a task's (<see cref="ModelSettings"/>); <see cref="From"/> maps a task's settings.
/// </summary>
public sealed class GruModelOptions
{
    private static readonly ModelSettings Defaults = new();

    /// <summary>Width of the learned vector per vocabulary token.</summary>
    [Range(1, 4096)]
    public int EmbeddingSize { get; set; } = Defaults.Gru.EmbeddingSize;

    /// <summary>
    /// Width of the learned vector per event type, joined to the token's; 0 = none. Used only when the trainer is
    /// given an <see cref="EventTypeVocabulary"/>.
    /// </summary>
    [Range(0, 64)]
    public int EventTypeEmbeddingSize { get; set; } = Defaults.Gru.EventTypeEmbeddingSize;

    /// <summary>Width of the GRU's state: what the network remembers of a chain so far.</summary>
    [Range(1, 4096)]
    public int HiddenSize { get; set; } = Defaults.Gru.HiddenSize;

    /// <summary>Stacked GRU layers.</summary>
    [Range(1, 8)]
    public int Layers { get; set; } = Defaults.Gru.Layers;

    /// <summary>
    /// Share of units dropped while training, on the final state before the output layer and between stacked layers.
    /// </summary>
    [Range(0.0, 0.9)]
    public double Dropout { get; set; } = Defaults.Gru.Dropout;

    /// <summary>Most recent steps of a chain the network reads; older steps are ignored, in training and scoring.</summary>
    [Range(1, 100_000)]
    public int MaxSequenceLength { get; set; } = Defaults.MaxSequenceLength;

    /// <summary>The network shape of a task's model settings.</summary>
    public static GruModelOptions From(ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            EmbeddingSize = settings.Gru.EmbeddingSize,
            EventTypeEmbeddingSize = settings.Gru.EventTypeEmbeddingSize,
            HiddenSize = settings.Gru.HiddenSize,
            Layers = settings.Gru.Layers,
            Dropout = settings.Gru.Dropout,
            MaxSequenceLength = settings.MaxSequenceLength,
        };
    }
}
