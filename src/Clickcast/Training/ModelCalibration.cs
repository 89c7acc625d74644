using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>How a model's raw probability becomes the calibrated one, and where the decision threshold sits.</summary>
/// <param name="Calibrator">Fitted on the validation split.</param>
/// <param name="Rule">The rule the threshold was chosen by.</param>
/// <param name="Threshold">The threshold on calibrated probabilities, with validation precision and recall.</param>
public sealed record ModelCalibration(ProbabilityCalibrator Calibrator, ThresholdRule Rule, ThresholdChoice Threshold);
