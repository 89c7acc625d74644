using System.Globalization;

namespace Clickcast.Training.Evaluation;

/// <summary>The model card's warnings that follow from test metrics, as pure rules (calibration's own is <see cref="CalibrationPolicy"/>).</summary>
public static class ModelWarningRules
{
    /// <summary>
    /// A threshold that flags more than <paramref name="maxFlaggedShare"/> of the test clients is no targeting at
    /// all: it usually means the model has little signal and the F1 rule fell back to "flag everyone".
    /// </summary>
    public static ModelWarning? Threshold(double threshold, int flagged, int clients, double maxFlaggedShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flagged);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clients);
        var share = (double)flagged / clients;
        return share > maxFlaggedShare
            ? new ModelWarning(ModelWarningKind.ThresholdFlagsMost, string.Create(CultureInfo.InvariantCulture, $"The threshold {threshold:0.0000} flags {flagged:N0} of {clients:N0} test clients ({share * 100:0.0} %, more than {maxFlaggedShare * 100:0} %): it hardly selects anyone out; the model likely has little signal."))
            : null;
    }

    /// <summary>The warning a quality verdict implies: too few positives to judge, or leakage suspected.</summary>
    public static ModelWarning? Quality(QualityVerdict verdict) => verdict switch
    {
        { Tier: QualityTier.Inconclusive } => new ModelWarning(ModelWarningKind.Inconclusive, verdict.Description),
        { LeakageSuspected: true } => new ModelWarning(ModelWarningKind.SuspiciouslyHigh, verdict.Description),
        _ => null,
    };
}
