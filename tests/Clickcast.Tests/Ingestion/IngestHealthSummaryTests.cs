using Clickcast.Events;
using Clickcast.Ingestion;

namespace Clickcast.Tests.Ingestion;

/// <summary>The data health sums: per ingest day, per event day with gaps as zeros, and the quarantine list.</summary>
public sealed class IngestHealthSummaryTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Fact]
    public void Summarize_DaysWithoutIngestsOrEvents_AreZeros()
    {
        var records = new[]
        {
            Record("a", Ingested(Today.AddDays(-2), kept: 5, dropped: new() { [DropReason.Bot] = 3, [DropReason.MissingUrl] = 1 }, (new(2026, 11, 1), 2), (new(2026, 11, 3), 3))),
            Record("b", Ingested(Today, kept: 4, dropped: new() { [DropReason.Bot] = 1 }, (new(2026, 11, 3), 4))),
        };

        var health = IngestHealthSummary.Summarize(records, Today, days: 3, maxQuarantined: 10);

        Assert.Equal([Today.AddDays(-2), Today.AddDays(-1), Today], health.IngestDays.Select(d => d.Day));
        Assert.Equal([5L, 0L, 4L], health.IngestDays.Select(d => d.EventsKept));
        Assert.Equal([9L, 0L, 5L], health.IngestDays.Select(d => d.RowsRead));
        Assert.Equal([new DroppedRows(DropReason.Bot, DropKind.Noise, 3), new DroppedRows(DropReason.MissingUrl, DropKind.BadRow, 1)], health.IngestDays[0].Dropped);
        Assert.Equal([new DayCount(new(2026, 11, 1), 2), new DayCount(new(2026, 11, 2), 0), new DayCount(new(2026, 11, 3), 7)], health.EventDays);
        Assert.Equal((9L, 0L, 2), (health.EventsKept, health.UndatedEvents, health.Files));
    }

    [Fact]
    public void Summarize_QuarantinedFiles_NewestFirstCappedWithTheTotal_AndARetriedFileLeaves()
    {
        var records = new[]
        {
            Record("old", Quarantined(Today.AddDays(-5))),
            Record("new", Quarantined(Today.AddDays(-1))),
            Record("fixed", Quarantined(Today.AddDays(-3)), Ingested(Today, kept: 1, dropped: [], (Today, 1))),
        };

        var health = IngestHealthSummary.Summarize(records, Today, days: 2, maxQuarantined: 1);

        Assert.Equal(2, health.QuarantinedTotal);
        Assert.Equal("new", Assert.Single(health.Quarantined).Key);
        Assert.Equal((1, 0, 7L), (health.IngestDays[0].FilesQuarantined, health.IngestDays[1].FilesQuarantined, health.IngestDays[0].RowsInQuarantinedFiles));
    }

    [Fact]
    public void Summarize_ReportWithoutPerDayCounts_CountsItsEventsAsUndated()
    {
        var health = IngestHealthSummary.Summarize([Record("legacy", Ingested(Today, kept: 6, dropped: []))], Today, days: 1, maxQuarantined: 10);

        Assert.Equal((6L, 6L), (health.EventsKept, health.UndatedEvents));
        Assert.DoesNotContain(health.EventDays, d => d.Events > 0);
    }

    [Theory]
    [InlineData(new long[] { 0, 1, 86_399_999_999 }, "1970-01-01:3")]
    [InlineData(new long[] { 86_400_000_000, 0, 86_400_000_001 }, "1970-01-01:1,1970-01-02:2")]
    [InlineData(new long[] { -1, 0 }, "1969-12-31:1,1970-01-01:1")]
    [InlineData(new long[] { }, "")]
    public void DayCounter_EventsInAnyOrder_CountPerUtcDay(long[] micros, string expected)
    {
        var counter = new DayCounter();
        foreach (var m in micros)
        {
            counter.Add(m);
        }

        Assert.Equal(expected, string.Join(",", counter.ToList().Select(d => $"{d.Day:yyyy-MM-dd}:{d.Events}")));
    }

    private static IngestLedgerRecord Record(string key, params FileIngestReport[] reports) =>
        new(key, [.. reports.Select(r => new IngestLedgerVersion(key + r.StartedAt.Ticks, [], 1, r with { Key = key }))]);

    private static FileIngestReport Ingested(DateOnly day, long kept, Dictionary<DropReason, long> dropped, params (DateOnly Day, long Events)[] perDay) => new()
    {
        Key = "k",
        Status = IngestStatus.Ingested,
        StartedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
        RowsRead = kept + dropped.Values.Sum(),
        RowsKept = kept,
        Dropped = dropped,
        KeptPerDay = [.. perDay.Select(p => new DayCount(p.Day, p.Events))],
        FirstEventMicros = 0,
        LastEventMicros = perDay.Length == 0 ? 0 : EventFile.ToMicros(perDay[^1].Day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)),
    };

    private static FileIngestReport Quarantined(DateOnly day) => new()
    {
        Key = "k",
        Status = IngestStatus.Quarantined,
        StartedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
        RowsRead = 7,
        Error = "bad",
        QuarantineKey = "q",
    };
}
