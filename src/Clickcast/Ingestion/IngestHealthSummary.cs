using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>Sums ledger records into an <see cref="IngestHealth"/>: a pure function of the records, the day and the caps.</summary>
internal static class IngestHealthSummary
{
    public static IngestHealth Summarize(IEnumerable<IngestLedgerRecord> records, DateOnly today, int days, int maxQuarantined)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQuarantined);
        var from = today.AddDays(1 - days);
        var ingestDays = new Dictionary<DateOnly, Sums>();
        var eventDays = new Dictionary<DateOnly, long>();
        var quarantined = new List<QuarantinedFile>();
        int files = 0;
        long kept = 0, undated = 0, earliest = long.MaxValue, latest = long.MinValue;
        DateTimeOffset? lastIngest = null;
        foreach (var record in records)
        {
            files++;
            foreach (var version in record.Versions)
            {
                var report = version.Report;
                var finished = report.StartedAt + report.Duration;
                lastIngest = lastIngest is { } l && l >= finished ? l : finished;
                if (report.Status == IngestStatus.Ingested)
                {
                    kept += report.RowsKept;
                    earliest = Math.Min(earliest, report.FirstEventMicros ?? long.MaxValue);
                    latest = Math.Max(latest, report.LastEventMicros ?? long.MinValue);
                    undated += report.RowsKept - report.KeptPerDay.Sum(d => d.Events);
                    foreach (var day in report.KeptPerDay)
                    {
                        eventDays[day.Day] = eventDays.GetValueOrDefault(day.Day) + day.Events;
                    }
                }

                var ingestDay = DateOnly.FromDateTime(report.StartedAt.UtcDateTime);
                if (ingestDay >= from && ingestDay <= today)
                {
                    if (!ingestDays.TryGetValue(ingestDay, out var sums))
                    {
                        ingestDays[ingestDay] = sums = new Sums();
                    }

                    sums.Add(report);
                }
            }

            if (record.Versions.Count > 0 && record.Versions[^1].Report is { Status: IngestStatus.Quarantined } last)
            {
                quarantined.Add(new QuarantinedFile(record.Key, last.ContentSha256, last.Bytes, last.StartedAt, last.Error ?? "unknown", last.QuarantineKey, last.RowsRead));
            }
        }

        var latestDay = latest == long.MinValue ? (DateOnly?)null : DateOnly.FromDateTime(EventFile.ToDateTime(latest));
        return new IngestHealth
        {
            IngestDays = [.. Range(from, days).Select(d => ingestDays.TryGetValue(d, out var s) ? s.ToDay(d) : new IngestDay { Day = d })],
            EventDays = latestDay is { } end ? [.. Range(end.AddDays(1 - days), days).Select(d => new DayCount(d, eventDays.GetValueOrDefault(d)))] : [],
            UndatedEvents = undated,
            Quarantined = [.. quarantined.OrderByDescending(q => q.QuarantinedAt).ThenBy(q => q.Key, StringComparer.Ordinal).Take(maxQuarantined)],
            QuarantinedTotal = quarantined.Count,
            Files = files,
            EventsKept = kept,
            LastIngestAt = lastIngest,
            FirstEventAt = earliest == long.MaxValue ? null : new DateTimeOffset(EventFile.ToDateTime(earliest)),
            LatestEventAt = latestDay is null ? null : new DateTimeOffset(EventFile.ToDateTime(latest)),
        };
    }

    private static IEnumerable<DateOnly> Range(DateOnly from, int days) => Enumerable.Range(0, days).Select(from.AddDays);

    private sealed class Sums
    {
        private readonly long[] _dropped = new long[Enum.GetValues<DropReason>().Length];
        private int _ingested, _quarantined, _duplicate;
        private long _read, _kept, _refused;

        public void Add(FileIngestReport report)
        {
            switch (report.Status)
            {
                case IngestStatus.Ingested:
                    _ingested++;
                    _read += report.RowsRead;
                    _kept += report.RowsKept;
                    foreach (var (reason, rows) in report.Dropped)
                    {
                        _dropped[(int)reason] += rows;
                    }

                    break;
                case IngestStatus.Quarantined:
                    _quarantined++;
                    _read += report.RowsRead;
                    _refused += report.RowsRead;
                    break;
                case IngestStatus.DuplicateContent:
                    _duplicate++;
                    break;
            }
        }

        public IngestDay ToDay(DateOnly day) => new()
        {
            Day = day,
            FilesIngested = _ingested,
            FilesQuarantined = _quarantined,
            FilesDuplicate = _duplicate,
            RowsRead = _read,
            EventsKept = _kept,
            RowsInQuarantinedFiles = _refused,
            Dropped = [.. _dropped.Select((rows, i) => new DroppedRows((DropReason)i, Ingestor.IsBadRow((DropReason)i) ? DropKind.BadRow : DropKind.Noise, rows))
                .Where(d => d.Rows > 0).OrderByDescending(d => d.Rows).ThenBy(d => d.Reason)],
        };
    }
}
