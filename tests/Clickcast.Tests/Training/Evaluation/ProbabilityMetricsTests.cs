using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class ProbabilityMetricsTests
{
    [Fact]
    public void LogLoss_TwoRows_MatchesHandComputation()
    {
        // -(ln 0.8 + ln(1 - 0.4)) / 2 = (0.2231436 + 0.5108256) / 2 = 0.3669846.
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.6)) / 2, BinaryMetrics.LogLoss([0.8, 0.4], [true, false]), 12);
        Assert.Equal(0.3669846, BinaryMetrics.LogLoss([0.8, 0.4], [true, false]), 6);
    }

    [Fact]
    public void LogLoss_ConfidentMistake_IsClippedNotInfinite()
    {
        // p = 1 for a negative (or 0 for a positive) costs -ln(1e-15) = 15 ln 10 = 34.538776.
        Assert.Equal(15 * Math.Log(10), BinaryMetrics.LogLoss([1.0], [false]), 9);
        Assert.Equal(15 * Math.Log(10), BinaryMetrics.LogLoss([0.0], [true]), 9);
    }

    [Fact]
    public void LogLoss_ProbabilityOutsideUnitInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryMetrics.LogLoss([1.5], [true]));
    }

    [Fact]
    public void BrierScore_TwoRows_MatchesHandComputation()
    {
        // ((1 - 0.8)^2 + (0 - 0.4)^2) / 2 = (0.04 + 0.16) / 2 = 0.1.
        Assert.Equal(0.1, BinaryMetrics.BrierScore([0.8, 0.4], [true, false]), 12);
    }

    [Fact]
    public void ExpectedCalibrationError_TwoBins_MatchesHandComputation()
    {
        // Bin [0, 0.5): p = {0.1, 0.3}, mean 0.2, observed 1/2: |0.2 - 0.5| * 2/4 = 0.15.
        // Bin [0.5, 1]: p = {0.6, 0.8}, mean 0.7, observed 1: |0.7 - 1| * 2/4 = 0.15. ECE = 0.30.
        double[] p = [0.1, 0.3, 0.6, 0.8];
        bool[] y = [false, true, true, true];

        Assert.Equal(0.3, BinaryMetrics.ExpectedCalibrationError(p, y, bins: 2), 12);
        var bins = BinaryMetrics.ReliabilityBins(p, y, bins: 2);
        Assert.Equal(2, bins.Count);
        Assert.Equal(new ReliabilityBin(0, 0.5, 0.2, 0.5, 2), bins[0] with { MeanPredicted = Math.Round(bins[0].MeanPredicted, 12) });
        Assert.Equal(new ReliabilityBin(0.5, 1, 0.7, 1, 2), bins[1] with { MeanPredicted = Math.Round(bins[1].MeanPredicted, 12) });
    }

    [Fact]
    public void ExpectedCalibrationError_BinEdges_LowerEdgeIncludedAndOneInLastBin()
    {
        // 0.5 belongs to [0.5, 1], and so does 1.0; 0 belongs to [0, 0.5).
        var bins = BinaryMetrics.ReliabilityBins([0.0, 0.5, 1.0], [false, true, true], bins: 2);
        Assert.Equal([1, 2], bins.Select(b => b.Count));
    }

    [Fact]
    public void ExpectedCalibrationError_EmptyBins_AreLeftOutAndDoNotCount()
    {
        // Only bin [0.2, 0.3) of ten is used: mean 0.25, observed 0.5 -> ECE = 0.25.
        var bins = BinaryMetrics.ReliabilityBins([0.25, 0.25], [true, false]);
        Assert.Single(bins);
        Assert.Equal(0.2, bins[0].Lower, 12);
        Assert.Equal(0.25, BinaryMetrics.ExpectedCalibrationError([0.25, 0.25], [true, false]), 12);
    }

    [Fact]
    public void ExpectedCalibrationError_PerfectlyCalibratedBins_IsZero()
    {
        // Bin [0.2, 0.3): four clients at 0.25 with one positive.
        Assert.Equal(0, BinaryMetrics.ExpectedCalibrationError([0.25, 0.25, 0.25, 0.25], [true, false, false, false]), 12);
    }
}
