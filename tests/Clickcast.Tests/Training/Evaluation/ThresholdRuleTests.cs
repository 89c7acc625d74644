using System.Text.Json;
using Clickcast.Storage;
using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class ThresholdRuleTests
{
    // score : 0.9  0.8  0.7  0.6  0.5  0.4       (P = 3 positives)
    // label :  +    +    -    +    -    -
    // flag at or above the score:
    //   TP   :  1    2    2    3    3    3
    //   flag :  1    2    3    4    5    6
    //   prec :  1    1   2/3  3/4  3/5  1/2
    //   rec  : 1/3  2/3  2/3   1    1    1
    //   F1 = 2TP / (flag + P):
    //        : 2/4  4/5  4/6  6/7  6/8  6/9
    private static readonly double[] Scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    private static readonly bool[] Labels = [true, true, false, true, false, false];

    [Fact]
    public void ChooseThreshold_MaxF1_PicksHighestF1()
    {
        var choice = BinaryMetrics.ChooseThreshold(Scores, Labels, ThresholdRule.MaxF1);

        Assert.Equal(0.6, choice.Threshold);
        Assert.Equal(6.0 / 7, choice.F1, 12);
        Assert.Equal(0.75, choice.Precision, 12);
        Assert.Equal(1, choice.Recall, 12);
        Assert.Equal(4.0 / 6, choice.FlaggedRate, 12);
        Assert.Equal((3, 1), (choice.TruePositives, choice.FalsePositives));
        Assert.True(choice.TargetMet);
    }

    [Fact]
    public void ChooseThreshold_TargetPrecision_PicksLowestThresholdReachingIt()
    {
        // Precision >= 0.75 at 0.9, 0.8 and 0.6; the lowest of those is 0.6.
        Assert.Equal(0.6, BinaryMetrics.ChooseThreshold(Scores, Labels, ThresholdRule.AtPrecision(0.75)).Threshold);
        // Precision >= 0.9 only at 0.9 and 0.8.
        Assert.Equal(0.8, BinaryMetrics.ChooseThreshold(Scores, Labels, ThresholdRule.AtPrecision(0.9)).Threshold);
    }

    [Fact]
    public void ChooseThreshold_UnreachablePrecision_ReturnsBestPrecisionAndFlagsIt()
    {
        // 0.9 (-), 0.8 (+), 0.7 (-): precision 0, 1/2, 1/3. 0.8 is the best reachable.
        var choice = BinaryMetrics.ChooseThreshold([0.9, 0.8, 0.7], [false, true, false], ThresholdRule.AtPrecision(0.8));

        Assert.False(choice.TargetMet);
        Assert.Equal(0.8, choice.Threshold);
        Assert.Equal(0.5, choice.Precision, 12);
    }

    [Fact]
    public void ChooseThreshold_TargetRecall_PicksHighestThresholdReachingIt()
    {
        // Recall >= 0.5 first at 0.8 (2/3); recall 1 first at 0.6.
        Assert.Equal(0.8, BinaryMetrics.ChooseThreshold(Scores, Labels, ThresholdRule.AtRecall(0.5)).Threshold);
        Assert.Equal(0.6, BinaryMetrics.ChooseThreshold(Scores, Labels, ThresholdRule.AtRecall(1)).Threshold);
    }

    [Fact]
    public void ChooseThreshold_TopPercent_UsesScoreAtThatRank()
    {
        // Top 50 % of 6 = rank 3 -> score 0.7: precision 2/3, recall 2/3.
        var choice = BinaryMetrics.ChooseThreshold(Scores, Labels, ThresholdRule.TopPercent(50));

        Assert.Equal(0.7, choice.Threshold);
        Assert.Equal(2.0 / 3, choice.Precision, 12);
        Assert.Equal(2.0 / 3, choice.Recall, 12);
        Assert.Equal(0.5, choice.FlaggedRate, 12);
    }

    [Fact]
    public void ChooseThreshold_TopPercentInsideTie_FlagsWholeTieAndReportsIt()
    {
        // Top 40 % of 5 = rank 2, score 0.5, which three clients share: 4 of 5 are flagged.
        var choice = BinaryMetrics.ChooseThreshold([0.9, 0.5, 0.5, 0.5, 0.1], [true, true, false, false, false], ThresholdRule.TopPercent(40));

        Assert.Equal(0.5, choice.Threshold);
        Assert.Equal(0.8, choice.FlaggedRate, 12);
    }

    [Fact]
    public void ChooseThreshold_TopPercentBelowOneClient_FlagsTheTopClient()
    {
        Assert.Equal(0.9, BinaryMetrics.ChooseThreshold(Scores, Labels, ThresholdRule.TopPercent(1)).Threshold);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AtPrecision_TargetOutOfRange_Throws(double target)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdRule.AtPrecision(target));
    }

    [Fact]
    public void TopPercent_Over100_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdRule.TopPercent(120));
    }

    [Fact]
    public void Default_IsMaxF1()
    {
        Assert.Equal(ThresholdRule.MaxF1, default);
        Assert.Equal(ThresholdRuleKind.MaxF1, default(ThresholdRule).Kind);
    }

    [Fact]
    public void Json_RoundTrip_KeepsKindAndTarget()
    {
        var rule = ThresholdRule.AtPrecision(0.8);

        var json = JsonSerializer.Serialize(rule, ClickcastJson.Options);

        Assert.Equal("""{"kind":"TargetPrecision","target":0.8}""", json);
        Assert.Equal(rule, JsonSerializer.Deserialize<ThresholdRule>(json, ClickcastJson.Options));
    }

    [Fact]
    public void Json_InvalidTarget_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            JsonSerializer.Deserialize<ThresholdRule>("""{"kind":"TopPercent","target":0}""", ClickcastJson.Options));
    }
}
