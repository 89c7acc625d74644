namespace Clickcast.Training.Evaluation;

public sealed partial record ProbabilityCalibrator
{
    /// <summary>
    /// Fits Platt scaling, p' = σ(a·logit(p) + b), by Newton's method on Platt's prior-corrected targets. Two
    /// parameters, so it is the safer choice on small validation sets (hundreds of clients, dozens of positives).
    /// For raw scores z rather than probabilities pass σ(z): logit(σ(z)) = z, so the fit is the same.
    /// </summary>
    public static ProbabilityCalibrator FitPlatt(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        MetricInput.Check(probabilities, labels, probabilities: true);
        var (slope, intercept) = PlattScaling.Fit(probabilities, labels);
        return Platt(slope, intercept);
    }

    /// <summary>
    /// Fits isotonic regression (pool-adjacent-violators) with outputs clipped to [ε, 1 − ε] and linear
    /// interpolation between blocks. It can fit any monotone distortion but needs data: with few positives
    /// per block it overfits, so prefer <see cref="FitPlatt"/> below a few thousand validation clients.
    /// </summary>
    public static ProbabilityCalibrator FitIsotonic(
        ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, double epsilon = DefaultIsotonicEpsilon)
    {
        MetricInput.Check(probabilities, labels, probabilities: true);
        if (!(epsilon is >= 0 and < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The clip must be in [0, 0.5).");
        }

        var (inputs, outputs) = IsotonicRegression.Fit(probabilities, labels, epsilon);
        return new(CalibratorKind.Isotonic, null, null, inputs, outputs);
    }
}
