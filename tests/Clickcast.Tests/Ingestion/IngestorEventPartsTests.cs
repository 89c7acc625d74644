using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Clickcast.Events;
using Clickcast.Ingestion;

namespace Clickcast.Tests.Ingestion;

/// <summary>Ingest memory stays bounded however many periods (days) one file spans, and no event is lost on the way.</summary>
public sealed class IngestorEventPartsTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task IngestFileAsync_TenThousandDays_KeepsEveryEventWithBoundedWritersAndBuffers()
    {
        const int Days = 10_000;
        var csv = new StringBuilder("client_id,ts,url\n");
        var first = new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        for (var day = 0; day < Days; day++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"c{day % 97},{first.AddDays(day):yyyy-MM-dd'T'HH:mm:ss'Z'},https://shop.example.com/p/{day % 50}\n");
        }

        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Limits.MaxOpenEventFiles = 8;

        var report = await _harness.PutAndIngestAsync("days.csv", Encoding.UTF8.GetBytes(csv.ToString()), options);

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(Days, report.RowsKept);
        Assert.Equal(Days, report.Outputs.Count);
        Assert.Equal((Days, Days, Days), CountWithDuckDb());
        var (files, peakOpen, peakBuffered) = WriterFigures();
        Assert.Equal(Days, files);
        Assert.InRange(peakOpen, 1, 8);
        Assert.InRange(peakBuffered, 1, 8L * EventFileWriter.InitialCapacity);
    }

    [Fact]
    public async Task IngestFileAsync_PeriodReturnsAfterItsFileWasClosed_ContinuesInANumberedPart()
    {
        var csv = "client_id,ts,url\n"
            + "a,2026-11-01T10:00:00Z,https://example.com/a\n"
            + "b,2026-11-02T10:00:00Z,https://example.com/b\n"
            + "c,2026-11-03T10:00:00Z,https://example.com/c\n"
            + "d,2026-11-01T11:00:00Z,https://example.com/d\n";
        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Limits.MaxOpenEventFiles = 2;

        var report = await _harness.PutAndIngestAsync("a.csv", Encoding.UTF8.GetBytes(csv), options);

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        var november1 = report.Outputs.Where(k => k.Contains("/date=2026-11-01/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, november1.Count);
        Assert.Single(november1, k => k.EndsWith("-1.parquet", StringComparison.Ordinal));
        Assert.Equal(["a", "d", "b", "c"], (await _harness.ReadEventsAsync()).Select(e => e.ClientId));
        Assert.InRange(WriterFigures().PeakOpen, 1, 2);
    }

    [Fact]
    public async Task IngestFileAsync_SameFileTwiceWithManyParts_WritesTheSameKeysOnce()
    {
        var csv = "client_id,ts,url\nc1,2026-11-01T10:00:00Z,https://example.com/a\nc1,2026-11-02T10:00:00Z,https://example.com/b\nc1,2026-11-01T12:00:00Z,https://example.com/c\n";
        // The same bytes under a second name are ingested too here (not skipped as a duplicate): both files' parts are named apart.
        var options = new IngestOptions { MaxParallelFiles = 1, DuplicateContent = DuplicateContentPolicy.Ingest };
        options.Limits.MaxOpenEventFiles = 1;
        var first = await _harness.PutAndIngestAsync("a.csv", Encoding.UTF8.GetBytes(csv), options);
        await _harness.PutAndIngestAsync("b.csv", Encoding.UTF8.GetBytes(csv), options);

        var again = await _harness.IngestAsync("a.csv", options);

        Assert.Equal(3, first.Outputs.Count);
        Assert.Equal(IngestStatus.AlreadyIngested, again.Status);
        Assert.Equal(6, (await _harness.ReadEventsAsync()).Count);
    }

    /// <summary>Events, distinct days and files under the tenant's events, counted by DuckDB in one query (reading 10,000 files one by one is slow).</summary>
    private (long Events, long Days, long Files) CountWithDuckDb()
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var events = Path.GetDirectoryName(_harness.Store.PathOf(Clickcast.Storage.TenantLayout.Events(IngestHarness.Tenant) + "x"))!;
        var glob = Path.Combine(events, "**", "*.parquet");
        command.CommandText = $"SELECT count(*), count(DISTINCT CAST(ts AS DATE)), count(DISTINCT filename) FROM read_parquet('{glob}', filename = true)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private (int Files, int PeakOpen, long PeakBuffered) WriterFigures()
    {
        var entry = Assert.Single(_harness.Log.Entries, e => e.Contains(" 8300: ", StringComparison.Ordinal));
        return ((int)Figure(entry, "Files"), (int)Figure(entry, "PeakOpen"), Figure(entry, "PeakBufferedEvents"));
    }

    private static long Figure(string entry, string name)
    {
        var match = Regex.Match(entry, name + @"=(\d+)", RegexOptions.CultureInvariant);
        Assert.True(match.Success, entry);
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
