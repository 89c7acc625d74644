using System.ComponentModel.DataAnnotations;

namespace Clickcast.Training.Evaluation;

/// <summary>What <see cref="ModelEvaluator.Evaluate"/> reports.</summary>
public sealed class EvaluationOptions
{
    /// <summary>Top-k % cuts for lift and gains.</summary>
    public IReadOnlyList<double> LiftPercents { get; set; } = [5, 10, 20];

    /// <summary>Equal-width bins of [0, 1] for the expected calibration error and the reliability bins.</summary>
    [Range(1, 1000)]
    public int CalibrationBins { get; set; } = 10;

    /// <summary>Equal-count bins of the calibration curve.</summary>
    [Range(1, 1000)]
    public int CalibrationCurveBins { get; set; } = 10;

    /// <summary>Most points per ROC, precision-recall and gains curve (endpoints included).</summary>
    [Range(2, 100_000)]
    public int MaxCurvePoints { get; set; } = 200;

    /// <summary>How the decision threshold is chosen.</summary>
    public ThresholdRule ThresholdRule { get; set; } = ThresholdRule.MaxF1;

    /// <summary>Confidence level of the AUC interval.</summary>
    [Range(0.5, 0.999)]
    public double ConfidenceLevel { get; set; } = 0.95;

    /// <summary>Below this many positives the AUC interval is a stratified bootstrap (<see cref="AucIntervalPolicy"/>); 0 keeps DeLong always.</summary>
    [Range(0, 1_000_000)]
    public int BootstrapBelowPositives { get; set; }

    /// <summary>Resamples of that bootstrap.</summary>
    [Range(100, 100_000)]
    public int BootstrapResamples { get; set; } = 1000;

    /// <summary>Below this many positives the quality tier is <see cref="QualityTier.Inconclusive"/>.</summary>
    [Range(0, 10_000)]
    public int InconclusiveBelowPositives { get; set; } = 10;

    internal void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        ArgumentNullException.ThrowIfNull(LiftPercents);
        foreach (var percent in LiftPercents)
        {
            BinaryMetrics.CheckPercent(percent);
        }
    }
}
