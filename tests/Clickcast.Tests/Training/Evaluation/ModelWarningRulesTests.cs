using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class ModelWarningRulesTests
{
    [Theory]
    // The case: 780 of 815 users flagged.
    [InlineData(780, 815, 0.5, true)]
    [InlineData(408, 815, 0.5, true)]
    [InlineData(407, 815, 0.5, false)]
    [InlineData(50, 100, 0.5, false)]
    [InlineData(51, 100, 0.5, true)]
    [InlineData(90, 100, 0.95, false)]
    public void Threshold_WarnsWhenMoreThanTheShareIsFlagged(int flagged, int clients, double max, bool warns)
    {
        var warning = ModelWarningRules.Threshold(0.1, flagged, clients, max);

        Assert.Equal(warns, warning is not null);
        Assert.True(warning is null || (warning.Kind == ModelWarningKind.ThresholdFlagsMost && warning.Message.Contains($"{flagged:N0} of {clients:N0}", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0.991, 2, ModelWarningKind.Inconclusive)]
    [InlineData(0.995, 500, ModelWarningKind.SuspiciouslyHigh)]
    public void Quality_WarnsOnInconclusiveAndSuspicious(double auc, int positives, ModelWarningKind kind)
    {
        var verdict = QualityVerdict.Judge(auc, new AucInterval(0.97, 1, 0.01, 0.95), positives, 10);

        Assert.Equal(kind, ModelWarningRules.Quality(verdict)!.Kind);
    }

    [Fact]
    public void Quality_AnOrdinaryModel_HasNoWarning() =>
        Assert.Null(ModelWarningRules.Quality(QualityVerdict.Judge(0.75, new AucInterval(0.7, 0.8, 0.03, 0.95), 300, 10)));
}
