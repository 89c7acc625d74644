using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class LiftTests
{
    // Five clients, two positives (base rate 0.4): one at 0.9 (positive), three tied at 0.5 (one positive), one at 0.1.
    private static readonly double[] Scores = [0.9, 0.5, 0.5, 0.5, 0.1];
    private static readonly bool[] Labels = [true, true, false, false, false];

    [Fact]
    public void Lift_CutInsideTieGroup_CreditsTiedPositivesProRata()
    {
        // Top 40 % = 2 clients: the 0.9 client (1 positive) plus 1 of the 3 tied clients, which carry 1 positive,
        // so 1/3 of it: 1 + 1/3 = 4/3 positives. Precision = (4/3) / 2 = 2/3; lift = (2/3) / 0.4 = 5/3;
        // gains = (4/3) / 2 = 2/3.
        var lift = BinaryMetrics.Lift(Scores, Labels, 40);

        Assert.Equal(2, lift.Clients, 12);
        Assert.Equal(4.0 / 3, lift.Positives, 12);
        Assert.Equal(2.0 / 3, lift.Precision, 12);
        Assert.Equal(5.0 / 3, lift.Lift, 12);
        Assert.Equal(2.0 / 3, lift.Gains, 12);
    }

    [Fact]
    public void Lift_CutOnGroupBoundary_TakesWholeGroups()
    {
        // Top 20 % = exactly the 0.9 client: 1 positive, precision 1, lift 1 / 0.4 = 2.5, gains 1/2.
        var lift = BinaryMetrics.Lift(Scores, Labels, 20);

        Assert.Equal(1, lift.Positives, 12);
        Assert.Equal(2.5, lift.Lift, 12);
        Assert.Equal(0.5, lift.Gains, 12);
    }

    [Fact]
    public void Lift_FractionalCut_IsProRataWithinFirstGroup()
    {
        // Top 10 % of 5 = half a client, from the all-positive top group: 0.5 positives, precision 1, lift 2.5,
        // gains 0.5 / 2 = 0.25.
        var lift = BinaryMetrics.Lift(Scores, Labels, 10);

        Assert.Equal(0.5, lift.Clients, 12);
        Assert.Equal(2.5, lift.Lift, 12);
        Assert.Equal(0.25, lift.Gains, 12);
    }

    [Fact]
    public void Lift_Everyone_IsOneAndGainsAll()
    {
        var lift = BinaryMetrics.Lift(Scores, Labels, 100);

        Assert.Equal(1, lift.Lift, 12);
        Assert.Equal(1, lift.Gains, 12);
    }

    [Fact]
    public void Lift_OrderInsideTieGroup_DoesNotMatter()
    {
        var reordered = BinaryMetrics.Lift(Scores, [true, false, false, true, false], 40);

        Assert.Equal(BinaryMetrics.Lift(Scores, Labels, 40), reordered);
    }

    [Fact]
    public void Evaluate_ConfiguredPercents_ReportsEachCut()
    {
        var metrics = ModelEvaluator.Evaluate(Scores, Labels, new EvaluationOptions { LiftPercents = [10, 40] });

        Assert.Equal([10.0, 40.0], metrics.Lift.Select(l => l.Percent));
        Assert.Equal(5.0 / 3, metrics.Lift[1].Lift, 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(double.NaN)]
    public void Lift_PercentOutOfRange_Throws(double percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryMetrics.Lift(Scores, Labels, percent));
    }
}
