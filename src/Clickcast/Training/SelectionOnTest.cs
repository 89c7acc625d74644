using System.Globalization;
using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>
/// How the family chosen on validation fares against the others on the test split, by the same paired rule. The
/// test split never changes the choice (it would stop being an honest estimate); it only says whether the choice
/// held up, and the model card warns when it did not.
/// </summary>
/// <param name="Kept">The family chosen.</param>
/// <param name="Z">The z of the margin (the selection's).</param>
/// <param name="Others">Each other family against the kept one on the test clients: Challenger is the other family,
/// Incumbent the kept one, and ChallengerWins means it leads by more than z · SE.</param>
public sealed record SelectionOnTest(ModelFamilyKind Kept, double Z, IReadOnlyList<FamilyComparison> Others)
{
    /// <summary>True when no other family leads the kept one on test by more than z · SE.</summary>
    public bool Held => !Others.Any(o => o.ChallengerWins);

    /// <summary>The card's warning when the choice did not hold up on test (the family leading by most), else null.</summary>
    public ModelWarning? Warning()
    {
        var leader = Others.Where(o => o.ChallengerWins).OrderByDescending(o => o.AucDifference).FirstOrDefault();
        return leader is null
            ? null
            : new ModelWarning(ModelWarningKind.ChoiceNotHeldOnTest, string.Create(CultureInfo.InvariantCulture, $"On the test split {leader.Challenger} leads the chosen {Kept} by {leader.AucDifference:+0.0000} AUC, more than z {Z:0.##} × SE {leader.StandardError:0.0000} of the paired difference: the choice made on validation did not hold up. The test split does not change the choice (it would no longer be an honest estimate); more clients, or cross-validation (`model.statistics.crossValidationBelowPositives`), make the choice steadier."));
    }
}
