namespace Clickcast.Training.Evaluation;

/// <summary>What a model card warns about.</summary>
public enum ModelWarningKind
{
    /// <summary>The calibration fit would have reversed or flattened the ranking, so another calibrator was used.</summary>
    CalibrationRefused = 0,

    /// <summary>The decision threshold flags most of the test population.</summary>
    ThresholdFlagsMost,

    /// <summary>Too few test positives to say how good the model is.</summary>
    Inconclusive,

    /// <summary>The AUC is high enough, and its interval narrow enough, to suspect leakage.</summary>
    SuspiciouslyHigh,

    /// <summary>Another family led the chosen one on the test split by more than the noise: the validation choice did not hold up.</summary>
    ChoiceNotHeldOnTest,
}
