namespace Clickcast.Ingestion;

/// <summary>Written beside a quarantined copy: which file, why, and when.</summary>
/// <param name="SourceKey">The original object key.</param>
/// <param name="Reason">The error, naming the file and, where known, the row.</param>
/// <param name="QuarantinedAt">When it was quarantined.</param>
public sealed record QuarantineNote(string SourceKey, string Reason, DateTimeOffset QuarantinedAt);
