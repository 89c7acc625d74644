using System.Buffers.Binary;
using System.IO.Hashing;
using Avro.File;
using Snappier;
using ZstdSharp;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

/// <summary>
/// Snappy and Zstandard for Apache.Avro's own reader and writer (its core package ships neither), so it can act
/// as the independent oracle for those codecs too.
/// </summary>
internal static class AvroTestCodecs
{
    static AvroTestCodecs() =>
        Codec.RegisterResolver(name => name switch
        {
            "snappy" => new SnappyCodec(),
            "zstandard" => new ZstandardCodec(),
            _ => null!,
        });

    /// <summary>Registers the codecs with Apache.Avro once per test run.</summary>
    public static void EnsureRegistered()
    {
        // The static constructor does the work, exactly once.
    }

    private sealed class SnappyCodec : Codec
    {
        public override byte[] Compress(byte[] uncompressedData)
        {
            var compressed = Snappy.CompressToArray(uncompressedData);
            var framed = new byte[compressed.Length + 4];
            compressed.CopyTo(framed, 0);
            BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(compressed.Length), Crc32.HashToUInt32(uncompressedData));
            return framed;
        }

        public override void Compress(MemoryStream inputStream, MemoryStream outputStream)
        {
            var framed = Compress(inputStream.GetBuffer().AsSpan(0, (int)inputStream.Length).ToArray());
            outputStream.SetLength(0);
            outputStream.Write(framed);
        }

        public override byte[] Decompress(byte[] compressedData, int length)
        {
            var data = Snappy.DecompressToArray(compressedData.AsSpan(0, length - 4));
            var expected = BinaryPrimitives.ReadUInt32BigEndian(compressedData.AsSpan(length - 4, 4));
            return Crc32.HashToUInt32(data) == expected ? data : throw new InvalidDataException("snappy CRC mismatch");
        }

        public override string GetName() => "snappy";

        public override bool Equals(object? other) => other is SnappyCodec;

        public override int GetHashCode() => 1;
    }

    private sealed class ZstandardCodec : Codec
    {
        public override byte[] Compress(byte[] uncompressedData)
        {
            using var compressor = new Compressor();
            return compressor.Wrap(uncompressedData).ToArray();
        }

        public override void Compress(MemoryStream inputStream, MemoryStream outputStream)
        {
            var compressed = Compress(inputStream.GetBuffer().AsSpan(0, (int)inputStream.Length).ToArray());
            outputStream.SetLength(0);
            outputStream.Write(compressed);
        }

        public override byte[] Decompress(byte[] compressedData, int length)
        {
            using var input = new MemoryStream(compressedData, 0, length);
            using var decompressor = new DecompressionStream(input);
            using var output = new MemoryStream();
            decompressor.CopyTo(output);
            return output.ToArray();
        }

        public override string GetName() => "zstandard";

        public override bool Equals(object? other) => other is ZstandardCodec;

        public override int GetHashCode() => 2;
    }
}
