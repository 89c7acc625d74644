using Clickcast.Training;

namespace Clickcast.Tests.Training;

public sealed class PretrainingRuleTests
{
    [Theory]
    [InlineData(false, null, 1_000L, PretrainingDecision.Off)]
    [InlineData(false, 100L, 1_000L, PretrainingDecision.Off)]
    [InlineData(true, null, 1_000L, PretrainingDecision.Build)]
    [InlineData(true, 0L, 1_000L, PretrainingDecision.Build)]
    [InlineData(true, 1_000L, 1_000L, PretrainingDecision.Reuse)]
    [InlineData(true, 1_000L, 1_999L, PretrainingDecision.Reuse)]
    [InlineData(true, 1_000L, 2_000L, PretrainingDecision.Rebuild)]
    [InlineData(true, 1_000L, 50_000L, PretrainingDecision.Rebuild)]
    [InlineData(true, 1_000L, 999L, PretrainingDecision.Rebuild)]
    public void Decide_DefaultFactorTwo(bool enabled, long? encoderEvents, long currentEvents, PretrainingDecision expected) =>
        Assert.Equal(expected, PretrainingRule.Decide(new PretrainingSettings { Enabled = enabled }, encoderEvents, currentEvents));

    [Theory]
    [InlineData(1.5, 1_499L, PretrainingDecision.Reuse)]
    [InlineData(1.5, 1_500L, PretrainingDecision.Rebuild)]
    [InlineData(10.0, 9_999L, PretrainingDecision.Reuse)]
    public void Decide_OtherFactors(double factor, long currentEvents, PretrainingDecision expected) =>
        Assert.Equal(expected, PretrainingRule.Decide(new PretrainingSettings { Enabled = true, RegrowthFactor = factor }, 1_000, currentEvents));

    [Theory]
    [InlineData(new int[0], false)]
    [InlineData(new[] { 5 }, false)]
    [InlineData(new[] { 1, 1, 1, 9 }, false)]
    [InlineData(new[] { 2, 2 }, true)]
    [InlineData(new[] { 1, 3, 1, 40 }, true)]
    public void CanPretrain_NeedsTwoChainsOfTwoEvents(int[] lengths, bool expected) =>
        Assert.Equal(expected, PretrainingRule.CanPretrain(lengths));
}
