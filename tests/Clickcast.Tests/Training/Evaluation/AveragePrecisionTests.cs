using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class AveragePrecisionTests
{
    [Fact]
    public void AveragePrecision_ScikitLearnDocExample_IsFiveSixths()
    {
        // scikit-learn's average_precision_score example: y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8] -> 0.83.
        // From the top: 0.8 (+) R = 1/2, P = 1; 0.4 (-) R unchanged; 0.35 (+) R = 1, P = 2/3.
        // AP = 1/2 * 1 + 1/2 * 2/3 = 5/6.
        Assert.Equal(5.0 / 6, BinaryMetrics.AveragePrecision([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
    }

    [Fact]
    public void AveragePrecision_TiedGroup_IsOneThreshold()
    {
        // Groups from the top: {0.8: +} R = 1/2, P = 1; {0.6: +, -} R = 1, P = 2/3; {0.2: -} R unchanged.
        // AP = 1/2 * 1 + 1/2 * 2/3 = 5/6 (the tied positive is not credited at precision 1).
        Assert.Equal(5.0 / 6, BinaryMetrics.AveragePrecision([0.8, 0.6, 0.6, 0.2], [true, true, false, false]), 12);
    }

    [Fact]
    public void AveragePrecision_PerfectRanking_IsOne()
    {
        Assert.Equal(1.0, BinaryMetrics.AveragePrecision([0.9, 0.8, 0.2], [true, true, false]), 12);
    }

    [Fact]
    public void AveragePrecision_AllScoresEqual_IsPositiveRate()
    {
        // One threshold: R goes 0 -> 1 at precision 2/5.
        Assert.Equal(0.4, BinaryMetrics.AveragePrecision([0.5, 0.5, 0.5, 0.5, 0.5], [true, false, true, false, false]), 12);
    }

    [Fact]
    public void AveragePrecision_StepwiseDiffersFromTrapezoidalArea()
    {
        // Ranked + - + -. Steps: R 0 -> 1/2 at P = 1, R 1/2 -> 1 at P = 2/3: AP = 1/2 + 1/3 = 0.8333.
        // The trapezoid through (0, 1), (1/2, 1), (1/2, 1/2), (1, 2/3), (1, 1/2) instead interpolates from
        // P = 1/2 up to 2/3: 1/2 * (1 + 1) / 2 + 1/2 * (1/2 + 2/3) / 2 = 0.5 + 0.2917 = 0.7917.
        double[] scores = [0.9, 0.8, 0.7, 0.6];
        bool[] labels = [true, false, true, false];

        var averagePrecision = BinaryMetrics.AveragePrecision(scores, labels);
        var curve = ModelEvaluator.Evaluate(scores, labels).Curves.PrecisionRecall;
        double trapezoid = 0;
        for (var i = 1; i < curve.Count; i++)
        {
            trapezoid += (curve[i].Recall - curve[i - 1].Recall) * (curve[i].Precision + curve[i - 1].Precision) / 2;
        }

        Assert.Equal(5.0 / 6, averagePrecision, 12);
        Assert.Equal(0.5 + 0.5 * (0.5 + 2.0 / 3) / 2, trapezoid, 12);
        Assert.NotEqual(averagePrecision, trapezoid, 3);
    }

    [Fact]
    public void AveragePrecision_NoPositives_IsNaN()
    {
        Assert.True(double.IsNaN(BinaryMetrics.AveragePrecision([0.1, 0.2], [false, false])));
    }
}
