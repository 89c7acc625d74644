using Clickcast.Events;
using Clickcast.Training;

namespace Clickcast.Tests.Training;

public sealed class FamilySelectionRuleTests
{
    // 20 clients, 10 positives. "Ranks" puts every positive above every negative; "Noisy" swaps two pairs.
    private static readonly bool[] Labels = [.. Enumerable.Range(0, 20).Select(i => i % 2 == 0)];
    private static readonly double[] Ranks = [.. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 0.6 + (i * 0.01) : 0.1 + (i * 0.01))];
    private static readonly double[] Noisy = Swap(Ranks, (0, 1), (2, 3));
    private static readonly double[] Random = [.. Enumerable.Range(0, 20).Select(i => (i * 7 % 20) / 20.0)];

    [Theory]
    // The complex family leads by far more than 1.96 SE: it wins.
    [InlineData("Random", "Ranks", 1.96, ModelFamilyKind.Gru)]
    // A small lead within the noise: the simpler family stays.
    [InlineData("Noisy", "Ranks", 1.96, ModelFamilyKind.LogisticRegression)]
    // The same small lead with z = 0: any lead wins.
    [InlineData("Noisy", "Ranks", 0.0, ModelFamilyKind.Gru)]
    // The simpler family ahead: it stays whatever z.
    [InlineData("Ranks", "Noisy", 0.0, ModelFamilyKind.LogisticRegression)]
    // A tie: the simpler family.
    [InlineData("Ranks", "Ranks", 0.0, ModelFamilyKind.LogisticRegression)]
    public void Choose_SimplerUnlessTheOtherLeadsByMoreThanZStandardErrors(string logistic, string gru, double z, ModelFamilyKind expected)
    {
        // Listed complex-first: the order given does not matter, the complexity table does.
        var selection = FamilySelectionRule.Choose(
            [new FamilyScores(ModelFamilyKind.Gru, Scores(gru)), new FamilyScores(ModelFamilyKind.LogisticRegression, Scores(logistic))],
            Labels,
            z,
            SelectionMethod.Validation);

        Assert.Equal(expected, selection.Chosen);
        var comparison = Assert.Single(selection.Comparisons);
        Assert.Equal((ModelFamilyKind.Gru, ModelFamilyKind.LogisticRegression), (comparison.Challenger, comparison.Incumbent));
        Assert.Equal(z * comparison.StandardError, comparison.Margin, 12);
        Assert.Contains(expected.ToString(), selection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // The kept family ranks perfectly, the other at random: the choice held.
    [InlineData("Ranks", "Random", true)]
    // The other leads by far more than the noise on test: not held.
    [InlineData("Random", "Ranks", false)]
    // A small lead within the noise: held.
    [InlineData("Noisy", "Ranks", true)]
    // A tie: held.
    [InlineData("Ranks", "Ranks", true)]
    public void CheckOnTest_HeldUnlessAnotherFamilyLeadsByMoreThanZStandardErrors(string kept, string other, bool held)
    {
        var check = FamilySelectionRule.CheckOnTest(
            ModelFamilyKind.LogisticRegression,
            [new FamilyScores(ModelFamilyKind.Gru, Scores(other)), new FamilyScores(ModelFamilyKind.LogisticRegression, Scores(kept))],
            Labels,
            1.96);

        Assert.Equal(held, check.Held);
        var comparison = Assert.Single(check.Others);
        Assert.Equal((ModelFamilyKind.Gru, ModelFamilyKind.LogisticRegression, !held), (comparison.Challenger, comparison.Incumbent, comparison.ChallengerWins));
        Assert.Equal(held, check.Warning() is null);
    }

    [Fact]
    public void Choose_OneFamily_IsThatFamily()
    {
        var selection = FamilySelectionRule.Choose([new FamilyScores(ModelFamilyKind.Gru, Ranks)], Labels, 1.96, SelectionMethod.Validation);

        Assert.Equal((ModelFamilyKind.Gru, SelectionMethod.OnlyFamily), (selection.Chosen, selection.Method));
        Assert.Empty(selection.Comparisons);
    }

    [Fact]
    public void Rank_KnownFamiliesSimplestFirst_UnknownKindsLast()
    {
        Assert.True(FamilyComplexity.Rank(ModelFamilyKind.LogisticRegression) < FamilyComplexity.Rank(ModelFamilyKind.Gru));
        Assert.Equal(int.MaxValue, FamilyComplexity.Rank((ModelFamilyKind)99));
    }

    [Fact]
    public void FoldOf_SpreadsClientsOverEveryFold_AndIsStable()
    {
        var folds = Enumerable.Range(0, 10_000).Select(i => CrossValidation.FoldOf(Clickcast.Events.ClientHash.Of("c" + i), 5)).ToList();

        Assert.All(Enumerable.Range(0, 5), f => Assert.InRange(folds.Count(x => x == f), 1_800, 2_200));
        Assert.Equal(folds[17], CrossValidation.FoldOf(Clickcast.Events.ClientHash.Of("c17"), 5));
    }

    private static double[] Scores(string name) => name switch
    {
        "Ranks" => Ranks,
        "Noisy" => Noisy,
        _ => Random,
    };

    private static double[] Swap(double[] source, params (int, int)[] pairs)
    {
        var copy = source.ToArray();
        foreach (var (a, b) in pairs)
        {
            (copy[a], copy[b]) = (copy[b], copy[a]);
        }

        return copy;
    }
}
