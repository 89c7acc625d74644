using System.ComponentModel.DataAnnotations;

namespace Clickcast.Torch;

/// <summary>How a GRU model is trained.</summary>
public sealed class GruTrainingOptions
{
    /// <summary>Most passes over the training set; early stopping and the time budget usually end training sooner.</summary>
    [Range(1, 10_000)]
    public int MaxEpochs { get; set; } = 30;

    /// <summary>Sequences per optimisation step.</summary>
    [Range(1, 65_536)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Adam's step size.</summary>
    [Range(1e-7, 1.0)]
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Adam's L2 penalty on the weights.</summary>
    [Range(0.0, 1.0)]
    public double WeightDecay { get; set; }

    /// <summary>Epochs without a better validation AUC after which training stops (the best epoch's weights are kept).</summary>
    [Range(1, 10_000)]
    public int EarlyStoppingPatience { get; set; } = 3;

    /// <summary>
    /// Wall-clock time training may take; when it runs out, the epoch in progress ends early, is validated, and
    /// training stops.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "30.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Seeds weight initialisation, dropout and batch order: same data, seed and threads give the same model.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Weight of a positive example's loss relative to a negative one's; null weighs the classes equally overall
    /// (negatives / positives in the training set), which suits rare target actions.
    /// </summary>
    [Range(1e-6, 1e6)]
    public double? PositiveClassWeight { get; set; }
}
