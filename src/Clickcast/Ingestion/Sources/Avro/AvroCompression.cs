using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using Snappier;
using ZstdSharp;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>Block compression as the Avro specification frames it, shared by the reader and the writer.</summary>
internal static class AvroCompression
{
    private const int CrcLength = 4;

    /// <summary>The codec's name in the <c>avro.codec</c> header entry.</summary>
    public static string NameOf(AvroCodec codec) => codec switch
    {
        AvroCodec.Null => "null",
        AvroCodec.Deflate => "deflate",
        AvroCodec.Snappy => "snappy",
        AvroCodec.Zstandard => "zstandard",
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown Avro codec."),
    };

    /// <summary>Recognises an <c>avro.codec</c> name; a file without one is uncompressed.</summary>
    public static bool TryParse(string? name, out AvroCodec codec)
    {
        codec = name switch
        {
            null or "" or "null" => AvroCodec.Null,
            "deflate" => AvroCodec.Deflate,
            "snappy" => AvroCodec.Snappy,
            "zstandard" => AvroCodec.Zstandard,
            _ => (AvroCodec)(-1),
        };
        return Enum.IsDefined(codec);
    }

    /// <summary>
    /// Decompresses one block into <paramref name="output"/> (grown as needed with <see cref="AvroBuffers"/>, reused between blocks) and returns
    /// its length, or -1 when it would exceed <paramref name="maxLength"/> bytes (a decompression bomb, a corrupt
    /// block, or a file past its decompressed-bytes cap). Throws <see cref="InvalidDataException"/> when the block
    /// is corrupt.
    /// </summary>
    public static int Decompress(AvroCodec codec, byte[] input, int length, ref byte[] output, int maxLength)
    {
        switch (codec)
        {
            case AvroCodec.Deflate:
            {
                using var compressed = new MemoryStream(input, 0, length, writable: false);
                using var inflater = new DeflateStream(compressed, CompressionMode.Decompress);
                return ReadAll(inflater, ref output, length, maxLength, "deflate");
            }

            case AvroCodec.Zstandard:
            {
                using var compressed = new MemoryStream(input, 0, length, writable: false);
                using var decompressor = new DecompressionStream(compressed);
                return ReadAll(decompressor, ref output, length, maxLength, "zstandard");
            }

            case AvroCodec.Snappy:
                return DecompressSnappy(input.AsSpan(0, length), ref output, maxLength);
            default:
                throw new ArgumentOutOfRangeException(nameof(codec), codec, "Blocks of this codec are not compressed.");
        }
    }

    /// <summary>Compresses one block, replacing the contents of <paramref name="output"/>.</summary>
    public static void Compress(AvroCodec codec, ReadOnlySpan<byte> input, MemoryStream output, CompressionLevel level)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.SetLength(0);
        switch (codec)
        {
            case AvroCodec.Null:
                output.Write(input);
                break;
            case AvroCodec.Deflate:
                using (var deflater = new DeflateStream(output, level, leaveOpen: true))
                {
                    deflater.Write(input);
                }

                break;
            case AvroCodec.Snappy:
            {
                output.SetLength(Snappy.GetMaxCompressedLength(input.Length) + CrcLength);
                var buffer = output.GetBuffer();
                var written = Snappy.Compress(input, buffer);
                BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(written, CrcLength), Crc32.HashToUInt32(input));
                output.SetLength(written + CrcLength);
                break;
            }

            case AvroCodec.Zstandard:
            {
                using var compressor = new Compressor(ZstandardLevel(level));
                output.SetLength(Compressor.GetCompressBound(input.Length));
                var written = compressor.Wrap(input, output.GetBuffer());
                output.SetLength(written);
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown Avro codec.");
        }
    }

    private static int ZstandardLevel(CompressionLevel level) => level switch
    {
        CompressionLevel.Fastest or CompressionLevel.NoCompression => 1,
        CompressionLevel.SmallestSize => 19,
        _ => 3,
    };

    private static int DecompressSnappy(ReadOnlySpan<byte> block, ref byte[] output, int maxLength)
    {
        if (block.Length < CrcLength)
        {
            throw new InvalidDataException("the snappy block is shorter than its checksum");
        }

        var compressed = block[..^CrcLength];
        int length;
        try
        {
            length = Snappy.GetUncompressedLength(compressed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"the snappy data is corrupt ({ex.Message})", ex);
        }

        if (length < 0)
        {
            throw new InvalidDataException($"the snappy block declares {length} bytes");
        }

        if (length > maxLength)
        {
            return -1;
        }

        AvroBuffers.Grow(ref output, length, 0);
        try
        {
            length = Snappy.Decompress(compressed, output.AsSpan(0, length));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"the snappy data is corrupt ({ex.Message})", ex);
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(block[^CrcLength..]);
        var actual = Crc32.HashToUInt32(output.AsSpan(0, length));
        if (actual != expected)
        {
            throw new InvalidDataException($"the snappy block's CRC-32 is {actual:x8}, its checksum says {expected:x8}");
        }

        return length;
    }

    private static int ReadAll(Stream decompressor, ref byte[] output, int compressedLength, int maxLength, string codecName)
    {
        AvroBuffers.Grow(ref output, Math.Min(maxLength, Math.Max(64 * 1024, compressedLength * 4)), 0);
        var total = 0;
        var tooLarge = false;
        try
        {
            while (true)
            {
                // The buffer is reused between blocks and may be larger than this block's limit: read up to the limit only.
                var room = Math.Min(output.Length, maxLength) - total;
                if (room == 0)
                {
                    if (total >= maxLength)
                    {
                        // One more byte would pass the limit: a decompression bomb, a corrupt block or a file past its cap.
                        Span<byte> probe = stackalloc byte[1];
                        tooLarge = decompressor.Read(probe) > 0;
                        break;
                    }

                    AvroBuffers.Grow(ref output, (int)Math.Min(maxLength, (long)output.Length * 2), total);
                    continue;
                }

                var read = decompressor.Read(output, total, room);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // zlib and zstd report corrupt input with exception types of their own.
            throw new InvalidDataException($"the {codecName} data is corrupt ({ex.Message})", ex);
        }

        return tooLarge ? -1 : total;
    }
}
