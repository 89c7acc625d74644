namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>Block compression of an Avro object container file (the header's <c>avro.codec</c>).</summary>
internal enum AvroCodec
{
    /// <summary>Blocks stored as written.</summary>
    Null = 0,

    /// <summary>Raw deflate (RFC 1951), no zlib header.</summary>
    Deflate,

    /// <summary>Snappy, each block followed by the big-endian CRC-32 of its uncompressed bytes.</summary>
    Snappy,

    /// <summary>One Zstandard frame per block.</summary>
    Zstandard,
}
