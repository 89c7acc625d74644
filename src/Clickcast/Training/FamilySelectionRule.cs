using System.Globalization;
using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>
/// The family choice that does not chase noise: families are taken simplest first (<see cref="FamilyComplexity"/>);
/// the simplest is chosen, and a more complex one replaces the choice only when its AUC leads by more than
/// z · SE, SE being the paired DeLong standard error of the difference on the same clients. Without a standard
/// error (fewer than two clients of a class) the simpler family stays.
/// </summary>
public static class FamilySelectionRule
{
    /// <summary>Chooses among <paramref name="candidates"/> scored on the same clients labelled <paramref name="labels"/>.</summary>
    public static FamilySelection Choose(IReadOnlyList<FamilyScores> candidates, IReadOnlyList<bool> labels, double z, SelectionMethod method)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        var truth = labels.ToArray();
        var ordered = candidates.OrderBy(c => FamilyComplexity.Rank(c.Family)).ToList();
        var aucs = ordered.Select(c => new FamilyAuc(c.Family, BinaryMetrics.RocAuc(c.Scores.ToArray(), truth))).ToList();
        var positives = truth.Count(l => l);
        if (ordered.Count == 1)
        {
            return new FamilySelection(ordered[0].Family, SelectionMethod.OnlyFamily, truth.Length, positives, z, aucs, [], $"{ordered[0].Family} was the only family trained.");
        }

        var incumbent = ordered[0];
        var comparisons = new List<FamilyComparison>();
        foreach (var challenger in ordered.Skip(1))
        {
            var (difference, error) = PairedDeLong.Compare(challenger.Scores.ToArray(), incumbent.Scores.ToArray(), truth);
            var margin = z * error;
            var wins = double.IsFinite(error) && difference > margin;
            comparisons.Add(new FamilyComparison(challenger.Family, incumbent.Family, difference, error, margin, wins));
            if (wins)
            {
                incumbent = challenger;
            }
        }

        return new FamilySelection(incumbent.Family, method, truth.Length, positives, z, aucs, comparisons, Explain(incumbent.Family, method, truth.Length, positives, z, comparisons));
    }

    /// <summary>
    /// The kept family against every other on the test clients, with the selection's paired rule: another family
    /// "wins" only when it leads by more than z · SE. Pure: the caller decides what a loss means (a card warning).
    /// </summary>
    public static SelectionOnTest CheckOnTest(ModelFamilyKind kept, IReadOnlyList<FamilyScores> candidates, IReadOnlyList<bool> labels, double z)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        var truth = labels.ToArray();
        var keptScores = candidates.Single(c => c.Family == kept).Scores.ToArray();
        var others = candidates
            .Where(c => c.Family != kept)
            .OrderBy(c => FamilyComplexity.Rank(c.Family))
            .Select(c =>
            {
                var (difference, error) = PairedDeLong.Compare(c.Scores.ToArray(), keptScores, truth);
                var margin = z * error;
                return new FamilyComparison(c.Family, kept, difference, error, margin, double.IsFinite(error) && difference > margin);
            })
            .ToList();
        return new SelectionOnTest(kept, z, others);
    }

    private static string Explain(ModelFamilyKind chosen, SelectionMethod method, int clients, int positives, double z, List<FamilyComparison> comparisons)
    {
        var on = method == SelectionMethod.CrossValidation
            ? $"out-of-fold scores of cross-validation over train + validation ({clients:N0} clients, {positives:N0} positives)"
            : $"the validation split ({clients:N0} clients, {positives:N0} positives)";
        var steps = comparisons.Select(c => string.Create(
            CultureInfo.InvariantCulture,
            $"{c.Challenger} vs {c.Incumbent}: {c.AucDifference:+0.0000;-0.0000} AUC, needed > {c.Margin:0.0000} (z {z:0.##} × SE {c.StandardError:0.0000}) → {(c.ChallengerWins ? c.Challenger : c.Incumbent)}"));
        return string.Create(CultureInfo.InvariantCulture, $"{chosen}: the simpler family is kept unless a more complex one leads by more than z × SE of the paired AUC difference on {on}. {string.Join("; ", steps)}.");
    }
}
