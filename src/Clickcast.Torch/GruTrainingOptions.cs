using System.ComponentModel.DataAnnotations;
using Clickcast.Training;

namespace Clickcast.Torch;

/// <summary>
/// How a GRU model is trained. The defaults are <see cref="GruSettings"/>'s, the one place a task's GRU defaults
/// live; <see cref="From"/> maps a task's settings.
/// </summary>
public sealed class GruTrainingOptions
{
    private static readonly GruSettings Defaults = new();

    /// <summary>Most passes over the training set; early stopping and the time budget usually end training sooner.</summary>
    [Range(1, 10_000)]
    public int MaxEpochs { get; set; } = Defaults.MaxEpochs;

    /// <summary>Sequences per optimisation step.</summary>
    [Range(1, 65_536)]
    public int BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>Adam's step size.</summary>
    [Range(1e-7, 1.0)]
    public double LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>Adam's L2 penalty on the weights.</summary>
    [Range(0.0, 1.0)]
    public double WeightDecay { get; set; } = Defaults.WeightDecay;

    /// <summary>Epochs without a better validation AUC after which training stops (the best epoch's weights are kept).</summary>
    [Range(1, 10_000)]
    public int EarlyStoppingPatience { get; set; } = Defaults.Patience;

    /// <summary>
    /// Wall-clock time training may take; when it runs out, the epoch in progress ends early, is validated, and
    /// training stops.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "30.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan TimeBudget { get; set; } = Defaults.TimeBudget;

    /// <summary>Seeds weight initialisation, dropout and batch order: same data, seed and threads give the same model.</summary>
    public int Seed { get; set; } = Defaults.Seed;

    /// <summary>
    /// Weight of a positive example's loss relative to a negative one's; null weighs the classes equally overall
    /// (negatives / positives in the training set), which suits rare target actions.
    /// </summary>
    [Range(1e-6, 1e6)]
    public double? PositiveClassWeight { get; set; }

    /// <summary>The training options of a task's GRU settings.</summary>
    public static GruTrainingOptions From(GruSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            MaxEpochs = settings.MaxEpochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            WeightDecay = settings.WeightDecay,
            EarlyStoppingPatience = settings.Patience,
            TimeBudget = settings.TimeBudget,
            Seed = settings.Seed,
        };
    }
}
