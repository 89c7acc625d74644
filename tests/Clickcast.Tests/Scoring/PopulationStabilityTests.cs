using Clickcast.Scoring;

namespace Clickcast.Tests.Scoring;

public sealed class PopulationStabilityTests
{
    /// <summary>0.05, 0.15, …, 0.95: one value per decile bin.</summary>
    private static readonly double[] Tenths = [.. Enumerable.Range(0, 10).Select(i => 0.05 + (i / 10.0))];

    public static TheoryData<double[], double[], double> Cases() => new()
    {
        // Identical distributions: 0.
        { Tenths, Tenths, 0 },
        // The same shares with more clients: 0.
        { Tenths, [.. Tenths, .. Tenths], 0 },
        // Half in the first bin, 0.1 in bins 2–6, bins 7–10 empty (ε = 1e-4):
        // 0.4·ln(0.5/0.1) + 4·(1e-4 − 0.1)·ln(1e-4/0.1) = 0.4·ln 5 + 4·0.0999·ln 1000.
        { Tenths, [0.01, 0.02, 0.03, 0.04, 0.05, 0.15, 0.25, 0.35, 0.45, 0.55], (0.4 * Math.Log(5)) + (4 * 0.0999 * Math.Log(1000)) },
        // A constant reference: every edge is 0.5; bins empty on both sides add nothing.
        { [0.5, 0.5, 0.5], [0.5], 0 },
        // Everything moved above the constant reference: first bin 1 → ε, last bin ε → 1.
        { [0.5, 0.5, 0.5], [0.7, 0.9], 2 * 0.9999 * Math.Log(1e4) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_ComparesDecileShares(double[] reference, double[] current, double expected)
    {
        var psi = PopulationStability.Of(ScoreDistribution.Of(reference), current);

        Assert.NotNull(psi);
        Assert.Equal(expected, psi.Value, 9);
    }

    [Fact]
    public void Index_HandComputedTwoBins()
    {
        // (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5) = 0.25·ln 2 + 0.25·ln 1.5
        Assert.Equal((0.25 * Math.Log(2)) + (0.25 * Math.Log(1.5)), PopulationStability.Index([0.5, 0.5], [0.25, 0.75]), 12);
    }

    [Fact]
    public void Of_NullWhenEitherSideIsEmpty()
    {
        Assert.Null(PopulationStability.Of(ScoreDistribution.Of([]), Tenths));
        Assert.Null(PopulationStability.Of(ScoreDistribution.Of(Tenths), []));
    }

    [Fact]
    public void Edges_AreTheReferenceDeciles()
    {
        var hundred = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();

        Assert.Equal([0.09, 0.19, 0.29, 0.39, 0.49, 0.59, 0.69, 0.79, 0.89], PopulationStability.Edges(hundred));
        Assert.All(PopulationStability.Shares(PopulationStability.Edges(hundred), hundred)!, s => Assert.Equal(0.1, s, 12));
    }

    [Theory]
    [InlineData(0, ScoreDrift.Stable)]
    [InlineData(0.0999, ScoreDrift.Stable)]
    [InlineData(PopulationStability.ModerateShift, ScoreDrift.Moderate)]
    [InlineData(PopulationStability.SignificantShift, ScoreDrift.Moderate)]
    [InlineData(0.2501, ScoreDrift.Significant)]
    [InlineData(3.4, ScoreDrift.Significant)]
    public void Classify_ReadsTheCommonThresholds(double psi, ScoreDrift expected)
    {
        Assert.Equal(expected, PopulationStability.Classify(psi));
    }

    [Theory]
    [InlineData(0.05, 0)]
    [InlineData(0.1, 0)]
    [InlineData(0.15, 1)]
    [InlineData(0.3, 2)]
    [InlineData(0.9, 3)]
    public void BinOf_AScoreOnAnEdge_FallsBelowIt(double score, int bin) =>
        Assert.Equal(bin, PopulationStability.BinOf([0.1, 0.2, 0.3], score));
}
