namespace Clickcast.Ingestion;

/// <summary>Progress of an ingest run, reported after each file.</summary>
/// <param name="FilesDone">Files finished (ingested, skipped or quarantined).</param>
/// <param name="FilesTotal">Files in the run.</param>
/// <param name="RowsRead">Rows read so far.</param>
public readonly record struct IngestProgress(int FilesDone, int FilesTotal, long RowsRead);
