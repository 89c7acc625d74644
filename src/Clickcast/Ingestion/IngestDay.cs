namespace Clickcast.Ingestion;

/// <summary>
/// What the ingests of one UTC day did (the day the files were ingested, not their events' time): files, rows read,
/// events kept and rows dropped by reason. RowsRead = EventsKept + dropped rows + RowsInQuarantinedFiles.
/// </summary>
public sealed record IngestDay
{
    /// <summary>The day (UTC) the files were ingested.</summary>
    public required DateOnly Day { get; init; }

    /// <summary>Files ingested.</summary>
    public int FilesIngested { get; init; }

    /// <summary>Files quarantined: none of their rows were kept.</summary>
    public int FilesQuarantined { get; init; }

    /// <summary>Files skipped because the same bytes had been ingested under another name.</summary>
    public int FilesDuplicate { get; init; }

    /// <summary>Rows read from the files ingested and quarantined.</summary>
    public long RowsRead { get; init; }

    /// <summary>Rows that became events.</summary>
    public long EventsKept { get; init; }

    /// <summary>Rows of ingested files dropped, by reason, most first.</summary>
    public IReadOnlyList<DroppedRows> Dropped { get; init; } = [];

    /// <summary>Rows of quarantined files: all refused.</summary>
    public long RowsInQuarantinedFiles { get; init; }
}
