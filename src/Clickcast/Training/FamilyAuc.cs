namespace Clickcast.Training;

/// <summary>A family's AUC on the scores a choice was made on.</summary>
/// <param name="Family">The family.</param>
/// <param name="Auc">Its ROC AUC there.</param>
public sealed record FamilyAuc(ModelFamilyKind Family, double Auc);
