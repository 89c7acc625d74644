using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class AucIntervalPolicyTests
{
    [Theory]
    [InlineData(2, 100, AucIntervalMethod.Bootstrap)]
    [InlineData(99, 100, AucIntervalMethod.Bootstrap)]
    [InlineData(100, 100, AucIntervalMethod.DeLong)]
    [InlineData(5, 0, AucIntervalMethod.DeLong)]
    public void MethodFor_BootstrapBelowTheThreshold(int positives, int threshold, AucIntervalMethod expected) =>
        Assert.Equal(expected, AucIntervalPolicy.MethodFor(positives, threshold));

    [Fact]
    public void Interval_FewPositives_BootstrapIsWiderThanDeLong()
    {
        // The case: an almost perfect ranking judged on a handful of positives.
        var (scores, labels) = Almost(positives: 4, negatives: 400);

        var delong = AucIntervalPolicy.Interval(scores, labels, new EvaluationOptions { BootstrapBelowPositives = 0 })!.Value;
        var bootstrap = AucIntervalPolicy.Interval(scores, labels, new EvaluationOptions { BootstrapBelowPositives = 100 })!.Value;

        Assert.Equal(AucIntervalMethod.DeLong, delong.Method);
        Assert.Equal(AucIntervalMethod.Bootstrap, bootstrap.Method);
        Assert.True(bootstrap.Upper - bootstrap.Lower > delong.Upper - delong.Lower, $"bootstrap {bootstrap}, DeLong {delong}");
        Assert.InRange(BinaryMetrics.RocAuc(scores, labels), bootstrap.Lower, bootstrap.Upper);
    }

    [Fact]
    public void Evaluate_UsesThePolicyForTheStoredInterval()
    {
        var (scores, labels) = Almost(positives: 4, negatives: 400);

        var metrics = ModelEvaluator.Evaluate(scores, labels, new EvaluationOptions { BootstrapBelowPositives = 100, InconclusiveBelowPositives = 0 });

        Assert.Equal(AucIntervalMethod.Bootstrap, metrics.RocAucInterval!.Value.Method);
    }

    /// <summary>Positives at the top except one ranked in the middle of the negatives.</summary>
    private static (double[] Scores, bool[] Labels) Almost(int positives, int negatives)
    {
        var scores = new List<double>();
        var labels = new List<bool>();
        for (var i = 0; i < negatives; i++)
        {
            scores.Add(0.4 * i / negatives);
            labels.Add(false);
        }

        for (var i = 0; i < positives; i++)
        {
            scores.Add(i == 0 ? 0.2 : 0.9);
            labels.Add(true);
        }

        return ([.. scores], [.. labels]);
    }
}
