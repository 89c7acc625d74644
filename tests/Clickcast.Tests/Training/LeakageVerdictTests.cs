using Clickcast.Training;

namespace Clickcast.Tests.Training;

public sealed class LeakageVerdictTests
{
    [Theory]
    // A large test set: the band is 0.5 ± 0.05.
    [InlineData(new[] { 0.49, 0.51, 0.50, 0.52, 0.48 }, 5_000, 50_000, true)]
    [InlineData(new[] { 0.49, 0.51, 0.56, 0.52, 0.48 }, 5_000, 50_000, false)]
    [InlineData(new[] { 0.44 }, 5_000, 50_000, false)]
    // 20 positives and 200 negatives: a random ranking's AUC has SD ≈ 0.068, so the band widens to ± 0.204.
    [InlineData(new[] { 0.62, 0.40 }, 20, 200, true)]
    [InlineData(new[] { 0.75 }, 20, 200, false)]
    public void Judge_EveryPermutationMustFallInTheBand(double[] aucs, int positives, int negatives, bool passed)
    {
        var verdict = LeakageVerdict.Judge(aucs, positives, negatives, 0.05);

        Assert.Equal(passed, verdict.Passed);
        Assert.Equal(0.5, (verdict.Lower + verdict.Upper) / 2, 12);
        Assert.StartsWith(passed ? "Leakage check passed" : "Leakage check FAILED", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_BandIsTheLargerOfTheSettingAndThreeNullSds()
    {
        var large = LeakageVerdict.Judge([0.5], 5_000, 50_000, 0.05);
        var small = LeakageVerdict.Judge([0.5], 20, 200, 0.05);

        Assert.Equal(0.45, large.Lower, 12);
        Assert.Equal(0.5 - (3 * Math.Sqrt(221.0 / (12.0 * 20 * 200))), small.Lower, 12);
    }
}
