namespace Clickcast.Training;

/// <summary>A more complex family challenging the family chosen so far, on the same clients.</summary>
/// <param name="Challenger">The more complex family.</param>
/// <param name="Incumbent">The family chosen so far (simpler).</param>
/// <param name="AucDifference">AUC(challenger) − AUC(incumbent).</param>
/// <param name="StandardError">Paired DeLong standard error of that difference (NaN with fewer than two clients of a class).</param>
/// <param name="Margin">z · standard error: the lead the challenger needed.</param>
/// <param name="ChallengerWins">True when the lead exceeded the margin.</param>
public sealed record FamilyComparison(ModelFamilyKind Challenger, ModelFamilyKind Incumbent, double AucDifference, double StandardError, double Margin, bool ChallengerWins);
