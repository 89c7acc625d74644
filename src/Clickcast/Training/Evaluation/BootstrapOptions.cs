using System.ComponentModel.DataAnnotations;

namespace Clickcast.Training.Evaluation;

/// <summary>How <see cref="MetricBootstrap"/> resamples.</summary>
public sealed class BootstrapOptions
{
    /// <summary>Resamples drawn; 1000–2000 is the usual range for 95 % percentile intervals.</summary>
    [Range(10, 1_000_000)]
    public int Resamples { get; set; } = 1000;

    /// <summary>Seed of the resampling, so a report can be reproduced exactly.</summary>
    public int Seed { get; set; } = 20240607;

    /// <summary>Confidence level of the percentile interval.</summary>
    [Range(0.5, 0.999)]
    public double Level { get; set; } = 0.95;

    /// <summary>
    /// Resample positives and negatives separately, keeping their counts (as pROC does for AUC). With a few
    /// dozen positives an unstratified resample can draw noticeably fewer of them, which widens intervals of
    /// rank metrics and can leave a resample without any.
    /// </summary>
    public bool Stratified { get; set; } = true;
}
