using System.Buffers;
using System.Numerics;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// Byte buffers an Avro file's reader borrows for as long as it reads: block data, decompressed blocks and the
/// string tables' arenas. They come from the shared array pool and go back when the file is done, so the next file
/// (or the other file ingested at once) takes them instead of allocating its own: fresh ones were large-object
/// garbage per file, and each time that garbage passed the large-object budget the collector stopped both ingest
/// threads for a full collection (docs/benchmarks.md, "Ingest's idle core").
/// </summary>
internal static class AvroBuffers
{
    /// <summary>
    /// Larger buffers are allocated and dropped as before: only a hostile or unusual file needs them, and the pool would
    /// keep them.
    /// </summary>
    internal const int MaxPooledBytes = 4 * 1024 * 1024;

    /// <summary>A buffer of at least <paramref name="minimumLength"/> bytes (a power of two when pooled).</summary>
    public static byte[] Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        return minimumLength <= MaxPooledBytes ? ArrayPool<byte>.Shared.Rent(minimumLength) : new byte[minimumLength];
    }

    /// <summary>
    /// Gives <paramref name="buffer"/> back when the pool can take it (a power-of-two length it hands out), and leaves
    /// an empty array in its place so that the caller cannot read it again.
    /// </summary>
    public static void Return(ref byte[] buffer)
    {
        var returned = buffer;
        buffer = [];
        if (returned.Length is >= 16 and <= MaxPooledBytes && BitOperations.IsPow2(returned.Length))
        {
            ArrayPool<byte>.Shared.Return(returned);
        }
    }

    /// <summary>Makes <paramref name="buffer"/> hold at least <paramref name="length"/> bytes, keeping its first <paramref name="keep"/>.</summary>
    public static void Grow(ref byte[] buffer, int length, int keep)
    {
        if (buffer.Length >= length)
        {
            return;
        }

        var grown = Rent(length);
        buffer.AsSpan(0, keep).CopyTo(grown);
        Return(ref buffer);
        buffer = grown;
    }
}
