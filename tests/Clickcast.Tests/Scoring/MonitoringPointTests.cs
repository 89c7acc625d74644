using Clickcast.Scoring;

namespace Clickcast.Tests.Scoring;

public sealed class MonitoringPointTests
{
    [Fact]
    public void Of_Report_KeepsTheOverallRatesAndCountsEveryBucketsClients()
    {
        var report = new MonitoringReport(
            "job-00000042",
            3,
            1_700_000_000_123_456,
            TimeSpan.FromDays(7),
            [new BucketOutcome(ScoreBucket.High, 100, 0.30, 0.28), new BucketOutcome(ScoreBucket.Medium, 400, 0.10, 0.12), new BucketOutcome(ScoreBucket.Low, 1500, 0.02, 0.01)],
            0.0475,
            0.0445);

        var point = MonitoringPoint.Of(report);

        Assert.Equal(new MonitoringPoint("job-00000042", 3, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), TimeSpan.FromDays(7), 0.0475, 0.0445, 2000), point);
    }

    [Fact]
    public void Of_NoBuckets_NoClients()
    {
        var point = MonitoringPoint.Of(new MonitoringReport("r", 1, 0, TimeSpan.FromDays(1), [], 0, 0));

        Assert.Equal(0, point.Clients);
        Assert.Equal(DateTimeOffset.UnixEpoch, point.From);
    }
}
