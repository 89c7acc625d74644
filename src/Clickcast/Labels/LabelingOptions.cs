using System.ComponentModel.DataAnnotations;

namespace Clickcast.Labels;

/// <summary>How examples and labels are drawn from sequences, and how much data is enough to train.</summary>
public sealed class LabelingOptions
{
    /// <summary>Time windows, or positions for order-only data.</summary>
    public LabelingMode Mode { get; set; } = LabelingMode.Time;

    /// <summary>Outcome window H: the label is the target within this long after the cutoff.</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Observation cutoff T. Null puts it one horizon before the latest event in the data, so the outcome window
    /// is fully observed.
    /// </summary>
    public DateTimeOffset? Cutoff { get; set; }

    /// <summary>Only events this long before the cutoff are features; null keeps the whole history.</summary>
    public TimeSpan? ObservationWindow { get; set; }

    /// <summary>Position mode: events observed per client (k).</summary>
    [Range(1, 100_000)]
    public int ObservedEvents { get; set; } = 1;

    /// <summary>Clients who did the target before the cutoff are left out (they are not prospects).</summary>
    public bool ExcludePriorConverters { get; set; } = true;

    /// <summary>Share of clients (by hash) in the validation split.</summary>
    [Range(0.01, 0.5)]
    public double ValidationShare { get; set; } = 0.15;

    /// <summary>Share of clients (by hash) in the test split.</summary>
    [Range(0.01, 0.5)]
    public double TestShare { get; set; } = 0.15;

    /// <summary>Positives needed before training is allowed.</summary>
    [Range(1, int.MaxValue)]
    public int MinPositives { get; set; } = 100;

    /// <summary>Negatives needed before training is allowed.</summary>
    [Range(1, int.MaxValue)]
    public int MinNegatives { get; set; } = 100;

    /// <summary>Positives needed in each of the validation and test splits (so their AUC means something).</summary>
    [Range(1, int.MaxValue)]
    public int MinPositivesPerEvaluationSplit { get; set; } = 10;
}
