using Clickcast.Tests.Support;
using Clickcast.Training.Evaluation;

namespace Clickcast.Tests.Training.Evaluation;

public sealed class MetricBootstrapTests
{
    [Fact]
    public void Interval_SameSeed_GivesSameInterval()
    {
        var (scores, labels) = BinarySamples.Binormal(new Random(1), 300, 0.1, separation: 1);

        var first = MetricBootstrap.Interval(scores, labels, BinaryMetrics.RocAuc, new BootstrapOptions { Seed = 5 });
        var second = MetricBootstrap.Interval(scores, labels, BinaryMetrics.RocAuc, new BootstrapOptions { Seed = 5 });

        Assert.Equal(first, second);
    }

    [Fact]
    public void Interval_Auc_BracketsEstimateAndAgreesWithDeLong()
    {
        var (scores, labels) = BinarySamples.Binormal(new Random(3), 500, 0.1, separation: 1);

        var bootstrap = MetricBootstrap.Interval(scores, labels, BinaryMetrics.RocAuc);
        var delong = BinaryMetrics.RocAucInterval(scores, labels)!.Value;

        Assert.Equal(BinaryMetrics.RocAuc(scores, labels), bootstrap.Estimate);
        Assert.InRange(bootstrap.Estimate, bootstrap.Lower, bootstrap.Upper);
        Assert.Equal(1000, bootstrap.Resamples);
        Assert.Equal(0, bootstrap.Undefined);
        Assert.Equal(delong.Lower, bootstrap.Lower, 0.03);
        Assert.Equal(delong.Upper, bootstrap.Upper, 0.03);
    }

    [Fact]
    public void Interval_AnyMetric_Works()
    {
        var (scores, labels) = BinarySamples.Binormal(new Random(4), 400, 0.2, separation: 1.5);

        var lift = MetricBootstrap.Interval(scores, labels, (s, y) => BinaryMetrics.Lift(s, y, 10).Lift);

        Assert.True(lift.Lower > 1, "a separated model lifts its top decile above the base rate");
        Assert.InRange(lift.Estimate, lift.Lower, lift.Upper);
    }

    [Fact]
    public void Interval_Unstratified_CountsResamplesWithoutPositives()
    {
        // One positive in ten: an unstratified resample misses it with probability 0.9^10 ≈ 35 %.
        double[] scores = [0.9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.15, 0.25];
        bool[] labels = [true, false, false, false, false, false, false, false, false, false];

        var interval = MetricBootstrap.Interval(scores, labels, BinaryMetrics.RocAuc,
            new BootstrapOptions { Stratified = false, Resamples = 200 });

        Assert.Equal(200, interval.Resamples + interval.Undefined);
        Assert.InRange(interval.Undefined, 40, 100);
        Assert.Equal(1, interval.Upper);
    }

    [Fact]
    public void Interval_InvalidOptions_Throw()
    {
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() =>
            MetricBootstrap.Interval([0.1, 0.9], [false, true], BinaryMetrics.RocAuc, new BootstrapOptions { Level = 1.5 }));
    }
}
