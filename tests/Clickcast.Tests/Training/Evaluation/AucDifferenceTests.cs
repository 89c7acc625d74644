using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class AucDifferenceTests
{
    private static readonly bool[] Labels = [true, true, false, false];

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(2.0, 0.9772498680518208)]
    [InlineData(3.0, 0.9986501019683699)]
    [InlineData(-4.0, 3.167124183311992e-05)]
    public void Cdf_KnownValues(double z, double expected)
    {
        Assert.Equal(expected, StandardNormal.Cdf(z), 1e-7);
    }

    [Theory]
    // difference, SE, level → lower, upper, p (z = 1.96 at 95 %, 2.5758 at 99 %; p = 2(1 − Φ(|d|/SE))).
    [InlineData(0.05, 0.025, 0.95, 0.00100090038649865, 0.09899909961350135, 0.04550026389635842)]
    [InlineData(-0.05, 0.025, 0.95, -0.09899909961350135, -0.00100090038649865, 0.04550026389635842)]
    [InlineData(0.01, 0.02, 0.99, -0.04151658607, 0.06151658607, 0.6170750774519738)]
    public void Of_IntervalAndPValue(double difference, double error, double level, double lower, double upper, double p)
    {
        var result = AucDifference.Of(difference, error, level);

        Assert.Equal(difference, result.Difference);
        Assert.Equal(error, result.StandardError);
        Assert.Equal(lower, result.Lower!.Value, 1e-8);
        Assert.Equal(upper, result.Upper!.Value, 1e-8);
        Assert.Equal(p, result.PValue!.Value, 1e-6);
        Assert.Equal(level, result.Level);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.1, 0.0)]
    public void Of_NoSpread_CertainUnlessEqual(double difference, double p)
    {
        var result = AucDifference.Of(difference, 0, 0.95);

        Assert.Equal(p, result.PValue);
        Assert.Equal(difference, result.Lower);
        Assert.Equal(difference, result.Upper);
    }

    [Fact]
    public void Of_TooFewClients_NoIntervalNoPValue()
    {
        var result = AucDifference.Of(0.2, double.NaN, 0.95);

        Assert.Equal(0.2, result.Difference);
        Assert.Null(result.StandardError);
        Assert.Null(result.Lower);
        Assert.Null(result.Upper);
        Assert.Null(result.PValue);
    }

    [Fact]
    public void Compare_HandWorkedExample_IsPairedDeLongsDifference()
    {
        // PairedDeLongTests' example: a − b = −0.25 with SE √⅛, so z = −0.7071 and p = 0.4795.
        var result = AucDifference.Compare([0.9, 0.4, 0.5, 0.1], [0.8, 0.7, 0.2, 0.3], Labels, 0.95);

        Assert.Equal(-0.25, result.Difference, 12);
        Assert.Equal(Math.Sqrt(0.125), result.StandardError!.Value, 12);
        Assert.Equal(0.4795001221869535, result.PValue!.Value, 1e-6);
    }
}
