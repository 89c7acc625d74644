using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class QualityVerdictJudgeTests
{
    [Theory]
    // The case: AUC 0.991 (0.977–1.000) from 2 test positives says nothing.
    [InlineData(0.991, 0.977, 1.000, 2, QualityTier.Inconclusive, false)]
    [InlineData(0.80, 0.60, 0.95, 9, QualityTier.Inconclusive, false)]
    // The tier reads the lower bound, not the point estimate.
    [InlineData(0.80, 0.70, 0.90, 50, QualityTier.Useful)]
    [InlineData(0.80, 0.78, 0.82, 5000, QualityTier.Good)]
    [InlineData(0.60, 0.50, 0.70, 40, QualityTier.NoSignal)]
    // Suspicion needs a narrow interval too: a very high point from a wide interval is not evidence.
    [InlineData(0.99, 0.975, 1.0, 500, QualityTier.Excellent, true)]
    [InlineData(0.99, 0.90, 1.0, 20, QualityTier.Excellent, false)]
    public void Judge_TierByLowerBound_InconclusiveOnFewPositives(double auc, double lower, double upper, int positives, QualityTier tier, bool suspicious = false)
    {
        var verdict = QualityVerdict.Judge(auc, new AucInterval(lower, upper, 0.05, 0.95), positives, 10);

        Assert.Equal(tier, verdict.Tier);
        Assert.Equal(suspicious, verdict.LeakageSuspected);
        Assert.Contains(positives + " test positives", verdict.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WithoutInterval_ReadsThePoint() =>
        Assert.Equal(QualityTier.Good, QualityVerdict.Judge(0.8, null, 100, 10).Tier);

    [Fact]
    public void Judge_HighPointWideInterval_SaysSo() =>
        Assert.Contains("too few positives to tell", QualityVerdict.Judge(0.99, new AucInterval(0.9, 1, 0.03, 0.95), 20, 10).Description, StringComparison.Ordinal);
}
