namespace Clickcast.Pipeline.Triggers;

/// <summary>The payload of an ingest job a sensor enqueued: which version of which object to ingest.</summary>
/// <param name="Key">The object's key in the tenant's store.</param>
/// <param name="ETag">The version seen; the ingestor dedupes by content as well, so a re-upload adds nothing.</param>
/// <param name="Size">Size in bytes when seen.</param>
/// <param name="LastModified">When the object was written.</param>
/// <param name="Redo">Whether a version ingested before is processed again (a backfill under RedoAll, a quarantine retry).</param>
public sealed record ObjectCreated(string Key, string ETag, long Size, DateTimeOffset LastModified, Clickcast.Ingestion.IngestRedo Redo = Clickcast.Ingestion.IngestRedo.None);
