using System.ComponentModel.DataAnnotations;

namespace Clickcast.Torch;

/// <summary>
/// Where and how libtorch runs. Not saved with a model: the same model can be trained on one machine and scored on
/// another.
/// </summary>
public sealed class TorchOptions
{
    /// <summary>libtorch device: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>. CUDA needs a CUDA libtorch package.</summary>
    [Required]
    [RegularExpression("^(cpu|cuda(:[0-9]+)?)$")]
    public string Device { get; set; } = "cpu";

    /// <summary>
    /// libtorch's intra-op threads, for the whole process; null keeps libtorch's default (one per physical core).
    /// </summary>
    [Range(1, 1024)]
    public int? Threads { get; set; }

    /// <summary>Sequences scored per forward pass; chains are sorted by length first, so little of it is padding.</summary>
    [Range(1, 1_000_000)]
    public int ScoringBatchSize { get; set; } = 1024;

    /// <summary>
    /// Scoring batches run at once, each on its own thread. Meant for <see cref="Threads"/> = 1: every batch also
    /// uses libtorch's intra-op threads, so the two multiply. Independent batches need no synchronisation, where
    /// intra-op threads are woken for every operation; on two shared cores that waking cost a third to a half of
    /// two-thread scoring's speed.
    /// </summary>
    [Range(1, 1024)]
    public int ScoringParallelism { get; set; } = 1;

    /// <summary>
    /// Threads each training batch is split across (data-parallel): every thread runs its part's forward and
    /// backward pass with <see cref="Threads"/> intra-op threads, the gradients add up, and one optimiser step
    /// follows, so the step is the one-thread step up to float summation order. Meant for <see cref="Threads"/> = 1,
    /// like <see cref="ScoringParallelism"/>. A GRU of several layers with dropout, or a GPU, trains on one.
    /// </summary>
    [Range(1, 1024)]
    public int TrainingParallelism { get; set; } = 1;
}
