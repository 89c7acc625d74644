namespace Clickcast.Training;

/// <summary>
/// How complex each family is, simplest first: the order in which <see cref="FamilySelectionRule"/> prefers
/// families. Keyed by the kind's name so a family added later only needs a row here; a kind without a row
/// counts as the most complex.
/// </summary>
public static class FamilyComplexity
{
    private static readonly Dictionary<string, int> Ranks = new(StringComparer.Ordinal)
    {
        ["LogisticRegression"] = 0,
        ["LightGbm"] = 1,
        ["Gru"] = 2,
    };

    /// <summary>The rank of a family: lower is simpler; unknown kinds rank after every known one.</summary>
    public static int Rank(ModelFamilyKind kind) => Ranks.TryGetValue(kind.ToString(), out var rank) ? rank : int.MaxValue;
}
