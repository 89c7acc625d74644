namespace Clickcast.Ingestion;

/// <summary>What one ingest run did, file by file.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Files">One report per source file considered.</param>
/// <param name="Duration">Wall-clock time of the run.</param>
public sealed record IngestRunReport(string Tenant, IReadOnlyList<FileIngestReport> Files, TimeSpan Duration)
{
    /// <summary>Files ingested in this run.</summary>
    public int Ingested => Files.Count(f => f.Status == IngestStatus.Ingested);

    /// <summary>Files skipped because they were ingested before.</summary>
    public int AlreadyIngested => Files.Count(f => f.Status == IngestStatus.AlreadyIngested);

    /// <summary>Files quarantined in this run.</summary>
    public int Quarantined => Files.Count(f => f.Status == IngestStatus.Quarantined);

    /// <summary>Files skipped because the same bytes were ingested before under another key.</summary>
    public int DuplicateContent => Files.Count(f => f.Status == IngestStatus.DuplicateContent);

    /// <summary>Rows read across files ingested or quarantined in this run.</summary>
    public long RowsRead => Files.Sum(f => f.RowsRead);

    /// <summary>Events kept across files ingested in this run.</summary>
    public long RowsKept => Files.Where(f => f.Status == IngestStatus.Ingested).Sum(f => f.RowsKept);
}
