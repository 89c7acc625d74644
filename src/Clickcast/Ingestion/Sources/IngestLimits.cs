using System.ComponentModel.DataAnnotations;
using Clickcast.Events;

namespace Clickcast.Ingestion.Sources;

/// <summary>
/// Size limits that keep one hostile or broken row or file from costing memory, CPU or a poisoned vocabulary.
/// A row over a row limit is dropped and counted; a file over a file limit is quarantined with a reason naming
/// the limit.
/// </summary>
public sealed class IngestLimits
{
    /// <summary>Bytes of decompressed data every file may produce whatever its size (the floor of the ratio cap).</summary>
    internal const long DecompressionAllowance = 1024 * 1024;

    /// <summary>Longest URL (or opaque token) kept, in characters; longer ones are dropped as <see cref="DropReason.UrlTooLong"/>.</summary>
    [Range(16, 1_000_000)]
    public int MaxUrlLength { get; set; } = 8 * 1024;

    /// <summary>Longest client id kept, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxClientIdLength { get; set; } = 512;

    /// <summary>Longest line (CSV, JSON Lines, access log) or string value (Avro) read at all, in bytes; longer ones are skipped without being decoded.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Rows (records, lines) one file may hold; a file with more is quarantined. Also bounds what a Parquet footer
    /// may claim before anything is allocated for it.
    /// </summary>
    [Range(1L, long.MaxValue)]
    public long MaxRowsPerFile { get; set; } = 50_000_000;

    /// <summary>
    /// Rows one Parquet row group may hold. A row group is read whole (about 100 bytes of memory per row besides
    /// its strings), so its footer's row count is checked against this before anything is allocated; writers
    /// default to far less (DuckDB 122,880 rows, pyarrow 1Mi rows, Spark 128 MB).
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxRowsPerRowGroup { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Bytes one file may decompress to (gzip-compressed text, Avro blocks of any codec, Parquet column chunks as
    /// their footer declares them); a file that would exceed it is quarantined.
    /// </summary>
    [Range(1024L, long.MaxValue)]
    public long MaxDecompressedBytesPerFile { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// Decompressed bytes allowed per compressed byte of a file (beyond a first MiB every file gets): real
    /// clickstream compresses 5 to 30 times, a decompression bomb a thousand times. A file that would exceed it is
    /// quarantined.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxDecompressionRatio { get; set; } = 200;

    /// <summary>
    /// Events files kept open at once while one source file is ingested. A file that spans more periods (days)
    /// than this closes the least recently used one and continues the period in a further part file, so memory
    /// stays bounded however many periods a file spans.
    /// </summary>
    [Range(1, 1024)]
    public int MaxOpenEventFiles { get; set; } = 32;

    /// <summary>The decompressed bytes a file of <paramref name="compressedBytes"/> bytes may produce: the lower of the two caps.</summary>
    public long DecompressedBytesFor(long compressedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(compressedBytes);
        var byRatio = compressedBytes > (long.MaxValue - DecompressionAllowance) / MaxDecompressionRatio
            ? long.MaxValue
            : (compressedBytes * MaxDecompressionRatio) + DecompressionAllowance;
        return Math.Min(MaxDecompressedBytesPerFile, byRatio);
    }
}
