using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>metrics.json of a model folder: the chosen model's metrics and every candidate's, side by side.</summary>
/// <param name="Chosen">The family kept.</param>
/// <param name="Test">The chosen model's test metrics (with curves).</param>
/// <param name="Validation">The chosen model's validation metrics.</param>
/// <param name="Candidates">All families trained, including the chosen one.</param>
/// <param name="Selection">Why the chosen family was chosen (absent in models trained before the rule).</param>
/// <param name="Warnings">What the model card warns about (the manifest carries the same list).</param>
/// <param name="SelectionOnTest">The chosen family against the others on the test split (absent in older models).</param>
public sealed record ModelEvaluation(
    ModelFamilyKind Chosen,
    ModelMetrics Test,
    ModelMetrics Validation,
    IReadOnlyList<CandidateResult> Candidates,
    FamilySelection? Selection = null,
    IReadOnlyList<ModelWarning>? Warnings = null,
    SelectionOnTest? SelectionOnTest = null);
