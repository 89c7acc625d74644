using System.Globalization;

namespace Clickcast.Training.Evaluation;

/// <summary>
/// Calibration that never reverses the ranking: a Platt fit with slope ≤ 0 would reverse (or flatten) the order
/// of the model's scores, so it is refused; isotonic regression is used instead unless it is flat too (a
/// constant map flattens the ranking), in which case the raw probabilities are kept. Either fallback is a warning.
/// </summary>
public static class CalibrationPolicy
{
    /// <summary>The calibrator to keep for <paramref name="requested"/> fitted on validation, and the warning if it was not the one requested.</summary>
    public static (ProbabilityCalibrator Calibrator, ModelWarning? Warning) Fit(CalibratorKind requested, ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        switch (requested)
        {
            case CalibratorKind.Platt:
                var platt = ProbabilityCalibrator.FitPlatt(probabilities, labels);
                if (platt.Slope > 0)
                {
                    return (platt, null);
                }

                var slope = platt.Slope.GetValueOrDefault().ToString("0.####", CultureInfo.InvariantCulture);
                var isotonic = ProbabilityCalibrator.FitIsotonic(probabilities, labels);
                return IsFlat(isotonic)
                    ? (ProbabilityCalibrator.Identity, Refused($"The Platt fit on validation had slope {slope} (≤ 0: it would reverse or flatten the ranking) and isotonic regression was flat, so probabilities are uncalibrated; the model has little or no signal on validation."))
                    : (isotonic, Refused($"The Platt fit on validation had slope {slope} (≤ 0: it would reverse or flatten the ranking), so isotonic regression calibrates instead; the model ranks poorly on validation."));
            case CalibratorKind.Isotonic:
                var fitted = ProbabilityCalibrator.FitIsotonic(probabilities, labels);
                return IsFlat(fitted)
                    ? (ProbabilityCalibrator.Identity, Refused("Isotonic regression on validation was flat (it would give every client the same probability), so probabilities are uncalibrated; the model has little or no signal on validation."))
                    : (fitted, null);
            default:
                return (ProbabilityCalibrator.Identity, null);
        }
    }

    /// <summary>A map that gives every input the same output.</summary>
    public static bool IsFlat(ProbabilityCalibrator calibrator)
    {
        ArgumentNullException.ThrowIfNull(calibrator);
        return calibrator.Kind switch
        {
            CalibratorKind.Platt => calibrator.Slope == 0,
            CalibratorKind.Isotonic => calibrator.Outputs![0] == calibrator.Outputs[^1],
            _ => false,
        };
    }

    private static ModelWarning Refused(string message) => new(ModelWarningKind.CalibrationRefused, message);
}
