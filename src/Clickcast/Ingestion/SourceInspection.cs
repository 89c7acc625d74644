using Clickcast.Events;
using Clickcast.Ingestion.Sources;

namespace Clickcast.Ingestion;

/// <summary>
/// What <c>clickcast ingest --inspect</c> found in one file: its format, the fields it has, the fields the mapping
/// picks, a few rows as ingest would normalize them, and a mapping to paste into the tenant definition.
/// </summary>
public sealed record SourceInspection
{
    /// <summary>The file inspected.</summary>
    public required string File { get; init; }

    /// <summary>The detected (or configured) format.</summary>
    public SourceFormat Format { get; init; }

    /// <summary>Whether the file is gzip-compressed (text formats).</summary>
    public bool Gzip { get; init; }

    /// <summary>Avro block compression (null, deflate, snappy, zstandard); null for other formats.</summary>
    public string? Codec { get; init; }

    /// <summary>The Avro writer schema as JSON; null for other formats.</summary>
    public string? Schema { get; init; }

    /// <summary>The leaf fields of the source as dotted paths (Avro, Parquet, JSON) or column names (CSV).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The fields ingest would use, configured or detected; null when they cannot be resolved.</summary>
    public ResolvedFieldMapping? Mapping { get; init; }

    /// <summary>Why the file cannot be ingested with these settings (it would be quarantined), or null.</summary>
    public string? Error { get; init; }

    /// <summary>The first rows as they would be normalized.</summary>
    public IReadOnlyList<InspectedRow> Samples { get; init; } = [];

    /// <summary>Rows read for the counts below (at most the inspection limit).</summary>
    public long RowsRead { get; init; }

    /// <summary>Of those, rows that would become events.</summary>
    public long RowsKept { get; init; }

    /// <summary>Of those, rows that would be dropped, by reason.</summary>
    public IReadOnlyDictionary<DropReason, long> Dropped { get; init; } = new Dictionary<DropReason, long>();

    /// <summary>The <c>ingest.mapping</c> section to paste into the tenant definition (JSON).</summary>
    public string? SuggestedMapping { get; init; }
}
