using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class QualityVerdictTests
{
    [Theory]
    [InlineData(0.50, QualityTier.NoSignal)]
    [InlineData(0.5499, QualityTier.NoSignal)]
    [InlineData(0.55, QualityTier.Weak)]
    [InlineData(0.65, QualityTier.Useful)]
    [InlineData(0.7499, QualityTier.Useful)]
    [InlineData(0.75, QualityTier.Good)]
    [InlineData(0.85, QualityTier.Excellent)]
    [InlineData(0.97, QualityTier.Excellent)]
    public void FromAuc_CutOffs_BelongToTheHigherTier(double auc, QualityTier expected)
    {
        var verdict = QualityVerdict.FromAuc(auc);

        Assert.Equal(expected, verdict.Tier);
        Assert.False(verdict.LeakageSuspected);
    }

    [Theory]
    [InlineData(0.98)]
    [InlineData(1.0)]
    public void FromAuc_AlmostPerfect_FlagsLeakage(double auc)
    {
        var verdict = QualityVerdict.FromAuc(auc);

        Assert.Equal(QualityTier.Excellent, verdict.Tier);
        Assert.True(verdict.LeakageSuspected);
        Assert.Contains("leakage", verdict.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FromAuc_InvertedRanking_SuggestsCheckingLabels()
    {
        var verdict = QualityVerdict.FromAuc(0.3);

        Assert.Equal(QualityTier.NoSignal, verdict.Tier);
        Assert.Contains("inverted", verdict.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FromAuc_Description_UsesInvariantCulture()
    {
        Assert.StartsWith("Good (AUC 0.812)", QualityVerdict.FromAuc(0.8123).Description, StringComparison.Ordinal);
    }
}
