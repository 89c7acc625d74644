using System.ComponentModel.DataAnnotations;

namespace Clickcast.Training;

/// <summary>Architecture and training settings of the GRU family (the Torch project maps them to its own options).</summary>
public sealed class GruSettings
{
    /// <summary>URL-token embedding size.</summary>
    [Range(1, 4096)]
    public int EmbeddingSize { get; set; } = 64;

    /// <summary>
    /// Event-type embedding size, joined to each step's token embedding (view, cart, buy, ... as mapped at ingest;
    /// the <see cref="EventTypeVocabulary.MaxTypes"/> most frequent types in training, others as one). 0 = off.
    /// </summary>
    [Range(0, 64)]
    public int EventTypeEmbeddingSize { get; set; } = 8;

    /// <summary>GRU hidden size.</summary>
    [Range(1, 4096)]
    public int HiddenSize { get; set; } = 128;

    /// <summary>Stacked GRU layers.</summary>
    [Range(1, 8)]
    public int Layers { get; set; } = 1;

    /// <summary>Dropout between layers and before the output.</summary>
    [Range(0.0, 0.9)]
    public double Dropout { get; set; } = 0.1;

    /// <summary>Passes over the training data at most.</summary>
    [Range(1, 1000)]
    public int MaxEpochs { get; set; } = 20;

    /// <summary>Epochs without a better validation AUC before stopping.</summary>
    [Range(1, 100)]
    public int Patience { get; set; } = 3;

    /// <summary>Sequences per batch.</summary>
    [Range(1, 65536)]
    public int BatchSize { get; set; } = 128;

    /// <summary>Adam learning rate.</summary>
    [Range(1e-7, 1.0)]
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Adam weight decay.</summary>
    [Range(0.0, 1.0)]
    public double WeightDecay { get; set; }

    /// <summary>Wall-clock limit of one training run; the best epoch so far is kept.</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Seed of initialisation and batch order: same data, seed and threads give the same model.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// libtorch's intra-op threads; 0 uses the processor count. One by default: on two shared cores a second
    /// passive intra-op thread trained from 11 % faster to 16 % slower, spinning ones collapsed beside a busy
    /// process, and scoring gets more from <see cref="ScoringParallelism"/> (docs/benchmarks.md).
    /// </summary>
    [Range(0, 256)]
    public int Threads { get; set; } = 1;

    /// <summary>
    /// Scoring batches run at once, each on its own thread with <see cref="Threads"/> intra-op threads; 0 picks
    /// the processor count divided by <see cref="Threads"/> (at least 1), so the two never oversubscribe the cores.
    /// </summary>
    [Range(0, 256)]
    public int ScoringParallelism { get; set; }

    /// <summary>
    /// Threads each training batch is split across, each with <see cref="Threads"/> intra-op threads: the parts run
    /// forward and backward at once, their gradients add up, and one optimiser step follows (the same step up to
    /// float summation order; with dropout, the same noise). 0 picks the processor count divided by
    /// <see cref="Threads"/> (at least 1), like <see cref="ScoringParallelism"/>; 1 trains on one thread. A GRU of
    /// several layers with dropout trains on one thread (its inner dropout could not be drawn in a fixed order).
    /// </summary>
    [Range(0, 256)]
    public int TrainingParallelism { get; set; }

    /// <summary>"cpu" or "cuda" (CUDA needs the CUDA libtorch package at build time).</summary>
    [Required]
    public string Device { get; set; } = "cpu";

    /// <summary>The scoring batches run at once on <paramref name="processorCount"/> cores (<see cref="ScoringParallelism"/>, 0 resolved).</summary>
    public int ScoringThreads(int processorCount) => ScoringParallelism > 0 ? ScoringParallelism : PerCore(processorCount);

    /// <summary>The threads a training batch is split across on <paramref name="processorCount"/> cores (<see cref="TrainingParallelism"/>, 0 resolved).</summary>
    public int TrainingThreads(int processorCount) => TrainingParallelism > 0 ? TrainingParallelism : PerCore(processorCount);

    private int PerCore(int processorCount) => Math.Max(1, processorCount / (Threads == 0 ? Math.Max(1, processorCount) : Threads));
}
