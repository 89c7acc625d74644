namespace Clickcast.Training;

/// <summary>
/// How complex each family is, simplest first: the order in which <see cref="FamilySelectionRule"/> prefers
/// families. A kind added later without an arm here counts as the most complex.
/// </summary>
public static class FamilyComplexity
{
    /// <summary>The family's rank: 0 is the simplest.</summary>
    public static int Rank(ModelFamilyKind kind) => kind switch
    {
        ModelFamilyKind.LogisticRegression => 0,
        ModelFamilyKind.LightGbm => 1,
        ModelFamilyKind.Gru => 2,
        _ => int.MaxValue,
    };
}
