using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>One family trained on a task's data, for the side-by-side report.</summary>
/// <param name="Family">The family.</param>
/// <param name="Validation">Calibrated metrics on the validation split.</param>
/// <param name="Test">Calibrated metrics on the test split.</param>
/// <param name="TrainingTime">Time to train it.</param>
public sealed record CandidateResult(ModelFamilyKind Family, ModelMetrics Validation, ModelMetrics Test, TimeSpan TrainingTime);
