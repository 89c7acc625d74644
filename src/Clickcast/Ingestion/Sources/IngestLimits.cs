using System.ComponentModel.DataAnnotations;
using Clickcast.Events;

namespace Clickcast.Ingestion.Sources;

/// <summary>Size limits that keep one hostile or broken row from costing memory or poisoning a vocabulary.</summary>
public sealed class IngestLimits
{
    /// <summary>Longest URL kept, in characters; longer ones are dropped as <see cref="DropReason.UrlTooLong"/>.</summary>
    [Range(16, 1_000_000)]
    public int MaxUrlLength { get; set; } = 8 * 1024;

    /// <summary>Longest client id kept, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxClientIdLength { get; set; } = 512;

    /// <summary>Longest line (CSV, JSON Lines, access log) or string value (Avro) read at all, in bytes; longer ones are skipped without being decoded.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 4 * 1024 * 1024;
}
