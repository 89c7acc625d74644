namespace Clickcast.Training.Evaluation;

/// <summary>Which map a <see cref="ProbabilityCalibrator"/> applies.</summary>
public enum CalibratorKind
{
    /// <summary>Probabilities pass through unchanged.</summary>
    Identity,

    /// <summary>Platt scaling: a logistic regression on the logit of the probability.</summary>
    Platt,

    /// <summary>Isotonic regression: a monotone piecewise-linear map through fitted breakpoints.</summary>
    Isotonic,
}
