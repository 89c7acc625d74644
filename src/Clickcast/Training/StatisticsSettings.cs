using System.ComponentModel.DataAnnotations;

namespace Clickcast.Training;

/// <summary>
/// How a task's model is chosen and judged on small data (<c>model.statistics</c>); docs/evaluation.md states
/// each rule. The counts are compute a tenant sets, so each also has an operator cap in <c>Limits</c>.
/// </summary>
public sealed class StatisticsSettings
{
    /// <summary>z of the margin a more complex family must lead the simpler one by (paired DeLong SE units).</summary>
    [Range(0.0, 5.0)]
    public double SelectionZ { get; set; } = 1.96;

    /// <summary>Below this many validation positives, families are compared by k-fold cross-validation over train + validation.</summary>
    [Range(0, 1_000_000)]
    public int CrossValidationBelowPositives { get; set; } = 100;

    /// <summary>Folds of that cross-validation (clients assigned by hash).</summary>
    [Range(2, 20)]
    public int Folds { get; set; } = 5;

    /// <summary>Below this many test positives, the AUC interval is a stratified bootstrap instead of DeLong.</summary>
    [Range(0, 1_000_000)]
    public int BootstrapBelowPositives { get; set; } = 100;

    /// <summary>Resamples of that bootstrap.</summary>
    [Range(100, 100_000)]
    public int BootstrapResamples { get; set; } = 1000;

    /// <summary>Below this many test positives the quality tier is Inconclusive.</summary>
    [Range(1, 10_000)]
    public int InconclusiveBelowPositives { get; set; } = 10;

    /// <summary>Share of test clients flagged by the threshold above which the card warns.</summary>
    [Range(0.0, 1.0)]
    public double MaxFlaggedShare { get; set; } = 0.5;

    /// <summary>Label permutations of the leakage check.</summary>
    [Range(1, 100)]
    public int LeakagePermutations { get; set; } = 5;

    /// <summary>Half-width of the leakage check's pass band around AUC 0.5 (widened to 3 null SDs on small test sets).</summary>
    [Range(0.0, 0.5)]
    public double LeakageBand { get; set; } = 0.05;
}
