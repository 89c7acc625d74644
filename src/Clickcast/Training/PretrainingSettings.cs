using System.ComponentModel.DataAnnotations;

namespace Clickcast.Training;

/// <summary>
/// Self-supervised pretraining of the tenant's sequence encoder (CoLES-style contrastive learning on unlabelled
/// chains, docs/models.md): two random contiguous sub-chains of one client are a positive pair, other clients' in the
/// batch the negatives. The GRU of a task then starts from the encoder instead of random weights.
/// </summary>
public sealed class PretrainingSettings : IValidatableObject
{
    /// <summary>
    /// Warm-start the task's GRU from the tenant's pretrained encoder. Off by default: on the shared real data it did
    /// not win (docs/benchmarks.md, "Contrastive pretraining").
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Passes over the sampled clients.</summary>
    [Range(1, 1000)]
    public int Epochs { get; set; } = 5;

    /// <summary>Clients per batch; each batch's other clients are a client's negatives.</summary>
    [Range(2, 65536)]
    public int BatchSize { get; set; } = 64;

    /// <summary>Shortest sub-chain drawn (events); a shorter client chain is taken whole.</summary>
    [Range(1, 100_000)]
    public int SubChainMin { get; set; } = 2;

    /// <summary>Longest sub-chain drawn (events).</summary>
    [Range(1, 100_000)]
    public int SubChainMax { get; set; } = 40;

    /// <summary>Softmax temperature of the InfoNCE loss over cosine similarities.</summary>
    [Range(0.01, 10.0)]
    public double Temperature { get; set; } = 0.1;

    /// <summary>Adam's step size.</summary>
    [Range(1e-7, 1.0)]
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Clients sampled (with <see cref="GruSettings.Seed"/>) from those with at least two events.</summary>
    [Range(2, 10_000_000)]
    public int MaxClients { get; set; } = 100_000;

    /// <summary>
    /// The encoder is rebuilt once the tenant's sequences hold this many times the events it was pretrained on
    /// (<see cref="PretrainingRule"/>).
    /// </summary>
    [Range(1.01, 1000.0)]
    public double RegrowthFactor { get; set; } = 2.0;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SubChainMin > SubChainMax)
        {
            yield return new ValidationResult(
                $"subChainMin ({SubChainMin}) must not exceed subChainMax ({SubChainMax})", [nameof(SubChainMin)]);
        }
    }
}
