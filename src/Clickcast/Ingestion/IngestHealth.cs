namespace Clickcast.Ingestion;

/// <summary>
/// A tenant's ingest at a glance, summed from the ingest ledger's per-file reports (never from the events): what
/// arrived per day, what was refused and why, events per day of their time, and the files still quarantined.
/// </summary>
public sealed record IngestHealth
{
    /// <summary>One entry per day of the range ending today (UTC), oldest first; a day without ingests is all zeros.</summary>
    public required IReadOnlyList<IngestDay> IngestDays { get; init; }

    /// <summary>
    /// Kept events per day of their event time, for the range ending at the latest event's day (the data's "now"),
    /// oldest first; a day without events is 0. Empty when nothing was kept.
    /// </summary>
    public required IReadOnlyList<DayCount> EventDays { get; init; }

    /// <summary>Kept events of files ingested before per-day counts were recorded: in the totals, in no day.</summary>
    public long UndatedEvents { get; init; }

    /// <summary>Files whose current version is quarantined, newest first, at most the requested number.</summary>
    public required IReadOnlyList<QuarantinedFile> Quarantined { get; init; }

    /// <summary>Files whose current version is quarantined, all of them.</summary>
    public int QuarantinedTotal { get; init; }

    /// <summary>Source files the ledger knows.</summary>
    public int Files { get; init; }

    /// <summary>Kept events over all ingested files.</summary>
    public long EventsKept { get; init; }

    /// <summary>When the last ingest finished (any outcome), or null before the first.</summary>
    public DateTimeOffset? LastIngestAt { get; init; }

    /// <summary>The earliest kept event time, or null when nothing was kept: days before it are not gaps.</summary>
    public DateTimeOffset? FirstEventAt { get; init; }

    /// <summary>The latest kept event time, or null when nothing was kept.</summary>
    public DateTimeOffset? LatestEventAt { get; init; }
}
