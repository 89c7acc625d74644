namespace Clickcast.Export;

/// <summary>File formats a <see cref="ExportDestinationKind.Files"/> destination writes; combine with '|' (or "Csv, Parquet" in JSON).</summary>
[Flags]
public enum ExportFileFormats
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>RFC 4180 CSV with a header row, UTF-8: <c>{id}.csv</c>.</summary>
    Csv = 1,

    /// <summary>One JSON object per line, UTF-8: <c>{id}.jsonl</c>.</summary>
    JsonLines = 2,

    /// <summary>A byte-for-byte copy of the predictions Parquet file: <c>{id}.parquet</c>.</summary>
    Parquet = 4,

    /// <summary>Every format.</summary>
    All = Csv | JsonLines | Parquet,
}
