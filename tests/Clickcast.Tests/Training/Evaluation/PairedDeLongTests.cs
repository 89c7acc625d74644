using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class PairedDeLongTests
{
    private static readonly bool[] Labels = [true, true, false, false];

    [Fact]
    public void Compare_HandWorkedExample_MatchesPlacementsByHand()
    {
        // a: AUC 0.75 (placements V10 = [1, ½], V01 = [½, 1]); b: AUC 1 (V10 = [1, 1], V01 = [1, 1]).
        // Differences V10 = [0, −½] and V01 = [−½, 0], each of sample variance ⅛: Var = ⅛/2 + ⅛/2 = ⅛.
        var (difference, error) = PairedDeLong.Compare([0.9, 0.4, 0.5, 0.1], [0.8, 0.7, 0.2, 0.3], Labels);

        Assert.Equal(-0.25, difference, 12);
        Assert.Equal(Math.Sqrt(0.125), error, 12);
    }

    [Fact]
    public void Compare_SameScores_NoDifferenceAndNoError()
    {
        double[] scores = [0.9, 0.4, 0.5, 0.1];

        var (difference, error) = PairedDeLong.Compare(scores, scores, Labels);

        Assert.Equal(0, difference);
        Assert.Equal(0, error);
    }

    [Fact]
    public void Compare_Swapped_NegatesTheDifferenceOnly()
    {
        var forward = PairedDeLong.Compare([0.9, 0.4, 0.5, 0.1], [0.8, 0.7, 0.2, 0.3], Labels);
        var backward = PairedDeLong.Compare([0.8, 0.7, 0.2, 0.3], [0.9, 0.4, 0.5, 0.1], Labels);

        Assert.Equal(-forward.Difference, backward.Difference, 12);
        Assert.Equal(forward.StandardError, backward.StandardError, 12);
    }

    [Fact]
    public void Compare_OnePositive_HasNoStandardError()
    {
        var (_, error) = PairedDeLong.Compare([0.9, 0.4, 0.5], [0.8, 0.7, 0.2], [true, false, false]);

        Assert.True(double.IsNaN(error));
    }
}
