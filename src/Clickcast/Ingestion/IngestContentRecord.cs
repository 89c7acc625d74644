namespace Clickcast.Ingestion;

/// <summary>The ledger's memory of one content hash: the source key whose ingest kept it.</summary>
/// <param name="Key">The source object key.</param>
internal sealed record IngestContentRecord(string Key);
