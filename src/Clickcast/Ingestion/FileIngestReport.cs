using Clickcast.Events;
using Clickcast.Ingestion.Sources;

namespace Clickcast.Ingestion;

/// <summary>What ingesting one source file did: rows read, kept and dropped by reason, and where the events went.</summary>
public sealed record FileIngestReport
{
    /// <summary>The source object's key.</summary>
    public required string Key { get; init; }

    /// <summary>The outcome.</summary>
    public required IngestStatus Status { get; init; }

    /// <summary>The detected or configured format.</summary>
    public SourceFormat Format { get; init; }

    /// <summary>SHA-256 of the content, hex; with the key it identifies this version of the file.</summary>
    public string? ContentSha256 { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Rows (records, lines) read.</summary>
    public long RowsRead { get; init; }

    /// <summary>Rows that became events.</summary>
    public long RowsKept { get; init; }

    /// <summary>Rows dropped, by reason.</summary>
    public IReadOnlyDictionary<DropReason, long> Dropped { get; init; } = new Dictionary<DropReason, long>();

    /// <summary>The first few bad rows (unreadable, not filtered), to find them in the file.</summary>
    public IReadOnlyList<BadRowSample> BadRowSamples { get; init; } = [];

    /// <summary>The fields used, after detection.</summary>
    public ResolvedFieldMapping? Mapping { get; init; }

    /// <summary>Keys of the events files written.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>Earliest kept event time, microseconds since the epoch (UTC).</summary>
    public long? FirstEventMicros { get; init; }

    /// <summary>Latest kept event time, microseconds since the epoch (UTC).</summary>
    public long? LastEventMicros { get; init; }

    /// <summary>
    /// Kept events per UTC day of their event time, oldest first: the per-day stats the data health page sums, so it
    /// never reads the events themselves. Empty for files ingested before it was recorded.
    /// </summary>
    public IReadOnlyList<DayCount> KeptPerDay { get; init; } = [];

    /// <summary>Why the file was quarantined.</summary>
    public string? Error { get; init; }

    /// <summary>Where the quarantined copy is.</summary>
    public string? QuarantineKey { get; init; }

    /// <summary>When ingesting started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; init; }
}
