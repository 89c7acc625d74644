using System.ComponentModel.DataAnnotations;
using System.IO.Compression;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>How an <see cref="AvroContainerWriter"/> lays out blocks.</summary>
internal sealed class AvroContainerWriterOptions
{
    /// <summary>Records per block: larger blocks compress better and cost more memory to read.</summary>
    [Range(1, 10_000_000)]
    public int RecordsPerBlock { get; set; } = 4096;

    /// <summary>Deflate and Zstandard effort; the default favours writing speed, as a data generator needs.</summary>
    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>The 16-byte sync marker; null draws a random one. Fix it to make output byte-for-byte reproducible.</summary>
    public byte[]? SyncMarker { get; set; }

    /// <summary>Leaves the output stream open when the writer is disposed.</summary>
    public bool LeaveOpen { get; set; }
}
