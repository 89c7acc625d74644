using System.Globalization;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// Reads the header and the data blocks of an Avro object container file from a stream, checking each block's
/// size, sync marker and compression before handing it out. Buffers are reused from block to block, and borrowed
/// from <see cref="AvroBuffers"/> until the reader is disposed.
/// </summary>
internal sealed partial class AvroBlockReader : IDisposable
{
    /// <summary>
    /// Largest block accepted, compressed or decompressed. Writers flush every 16 KiB to a few MiB; anything near
    /// this is corrupt or hostile, and must not make the reader allocate gigabytes.
    /// </summary>
    internal const int MaxBlockBytes = 256 * 1024 * 1024;

    /// <summary>Block data is read in steps of this much, so a lying size costs memory only as the bytes arrive.</summary>
    private const int ReadStep = 4 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly string _sourceName;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private byte[] _raw = [];
    private byte[] _decompressed = [];
    private AvroContainerHeader? _header;
    private long _blockIndex;
    private long _nextRow = 1;
    private readonly long _maxDecompressedBytes;
    private long _decompressedBytes;

    /// <summary>Creates a reader; the blocks of one file may decompress to <paramref name="maxDecompressedBytes"/> bytes in all.</summary>
    public AvroBlockReader(Stream stream, string sourceName, long maxDecompressedBytes = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDecompressedBytes);
        _stream = stream;
        _sourceName = sourceName;
        _maxDecompressedBytes = maxDecompressedBytes;
    }

    /// <summary>Byte offset in the file of the next unread byte.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Reads the next block; false at the end of the file.</summary>
    /// <exception cref="SourceFormatException">The block is truncated, has a wrong sync marker or does not decompress.</exception>
    public bool TryReadBlock(out AvroBlock block)
    {
        var header = _header ?? throw new InvalidOperationException("Read the header first.");
        block = default;
        var offset = Position;
        if (!TryReadByte(out var first))
        {
            return false;
        }

        _blockIndex++;
        var where = string.Create(CultureInfo.InvariantCulture, $"block {_blockIndex} at byte {offset}");
        var count = ReadLong(first, where);
        var size = ReadLong(ReadByteOrFail(where), where);
        if (count < 0)
        {
            throw Fail($"{where} declares {count} records");
        }

        if (size < 0 || size > MaxBlockBytes)
        {
            throw Fail($"{where} declares {size} bytes, outside 0 to {MaxBlockBytes}");
        }

        if (_stream.CanSeek)
        {
            // Fail before allocating anything for a size the file cannot hold.
            var left = _stream.Length - Position;
            if (size + AvroContainerHeader.SyncMarkerLength > left)
            {
                throw Fail($"{where} declares {size} bytes but the file ends {left} bytes later (truncated or corrupt)");
            }
        }

        var length = (int)size;
        ReadRaw(length, where);
        Span<byte> sync = stackalloc byte[AvroContainerHeader.SyncMarkerLength];
        if (ReadInto(sync) < sync.Length)
        {
            throw Fail($"{where} is truncated: its sync marker is missing");
        }

        if (!sync.SequenceEqual(header.SyncMarker))
        {
            throw Fail($"{where}: the sync marker after the block differs from the header's (corrupt block or wrong size)");
        }

        var data = _raw;
        if (header.Codec != AvroCodec.Null)
        {
            var left = _maxDecompressedBytes - _decompressedBytes;
            var allowed = (int)Math.Min(MaxBlockBytes, left);
            try
            {
                length = AvroCompression.Decompress(header.Codec, _raw, length, ref _decompressed, allowed);
            }
            catch (InvalidDataException ex)
            {
                throw Fail($"{where}: {ex.Message}", ex);
            }

            if (length < 0)
            {
                throw Fail(allowed < MaxBlockBytes
                    ? string.Create(CultureInfo.InvariantCulture, $"{where}: the file decompresses to more than {_maxDecompressedBytes} bytes, the per-file cap (Limits.MaxDecompressedBytesPerFile, Limits.MaxDecompressionRatio)")
                    : string.Create(CultureInfo.InvariantCulture, $"{where} decompresses to more than the {MaxBlockBytes} bytes one block may hold"));
            }

            _decompressedBytes += length;
            data = _decompressed;
        }

        block = new AvroBlock(_blockIndex, offset, count, _nextRow, data, length);
        _nextRow += count;
        return true;
    }

    private void ReadRaw(int length, string where)
    {
        var filled = 0;
        while (filled < length)
        {
            if (filled == _raw.Length)
            {
                AvroBuffers.Grow(ref _raw, (int)Math.Min(length, Math.Max((long)_raw.Length * 2, ReadStep)), filled);
            }

            var read = ReadInto(_raw.AsSpan(filled, Math.Min(_raw.Length, length) - filled));
            if (read == 0)
            {
                throw Fail($"{where} is truncated: it declares {length} bytes, the file ends after {filled}");
            }

            filled += read;
        }
    }

    /// <summary>Decodes a zig-zag varint from the stream whose first byte has been read.</summary>
    private long ReadLong(byte first, string where)
    {
        ulong value = first & 0x7FUL;
        var shift = 7;
        var current = first;
        while (current >= 0x80)
        {
            current = ReadByteOrFail(where);
            if (shift == 63 && current > 1)
            {
                throw Fail($"{where}: a number is longer than 64 bits");
            }

            value |= (ulong)(current & 0x7F) << shift;
            shift += 7;
        }

        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    private byte ReadByteOrFail(string where) =>
        TryReadByte(out var value) ? value : throw Fail($"{where} is truncated");

    private bool TryReadByte(out byte value)
    {
        if (_start == _end && !Fill())
        {
            value = 0;
            return false;
        }

        value = _buffer[_start++];
        return true;
    }

    /// <summary>Fills <paramref name="destination"/>; returns fewer bytes only at the end of the stream.</summary>
    private int ReadInto(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            if (_start == _end)
            {
                var rest = destination[total..];
                if (rest.Length >= _buffer.Length)
                {
                    // Large reads go straight to the destination instead of through the buffer.
                    var direct = _stream.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false);
                    _bufferOffset += _end + direct;
                    _start = _end = 0;
                    return total + direct;
                }

                if (!Fill())
                {
                    return total;
                }
            }

            var chunk = Math.Min(destination.Length - total, _end - _start);
            _buffer.AsSpan(_start, chunk).CopyTo(destination[total..]);
            _start += chunk;
            total += chunk;
        }

        return total;
    }

    private bool Fill()
    {
        _bufferOffset += _end;
        _start = _end = 0;
        var read = _stream.Read(_buffer, 0, _buffer.Length);
        _end = read;
        return read > 0;
    }

    /// <summary>Gives the block buffers back; blocks read before must not be used after.</summary>
    public void Dispose()
    {
        AvroBuffers.Return(ref _raw);
        AvroBuffers.Return(ref _decompressed);
    }

    private SourceFormatException Fail(string reason, Exception? inner = null) => new(_sourceName, null, reason, inner);
}
