namespace Clickcast.Training;

/// <summary>One family's scores for the clients a choice is made on, in the same order for every family.</summary>
/// <param name="Family">The family.</param>
/// <param name="Scores">Its raw scores (any monotone scale).</param>
public sealed record FamilyScores(ModelFamilyKind Family, IReadOnlyList<double> Scores);
