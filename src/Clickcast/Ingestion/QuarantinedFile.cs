namespace Clickcast.Ingestion;

/// <summary>A source file whose current version is quarantined.</summary>
/// <param name="Key">The source object key.</param>
/// <param name="ContentSha256">SHA-256 of the quarantined version's content (with the key, the version).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="QuarantinedAt">When it was ingested and quarantined.</param>
/// <param name="Reason">Why, naming the file and, where known, the row.</param>
/// <param name="QuarantineKey">Where the quarantined copy is.</param>
/// <param name="RowsRead">Rows read before it was refused.</param>
public sealed record QuarantinedFile(string Key, string? ContentSha256, long Bytes, DateTimeOffset QuarantinedAt, string Reason, string? QuarantineKey, long RowsRead);
