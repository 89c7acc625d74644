namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>One decompressed data block of a container file; <see cref="Data"/> is reused by the next block.</summary>
/// <param name="Index">1-based block number, for messages.</param>
/// <param name="Offset">Byte offset of the block in the file, for messages.</param>
/// <param name="Count">Number of records the block declares.</param>
/// <param name="FirstRow">1-based row number of the block's first record.</param>
/// <param name="Data">The decompressed records.</param>
/// <param name="Length">Bytes of <paramref name="Data"/> in use.</param>
internal readonly record struct AvroBlock(long Index, long Offset, long Count, long FirstRow, byte[] Data, int Length)
{
    /// <summary>Where the block is, for messages: "block 3 at byte 1024".</summary>
    public string Describe() => FormattableString.Invariant($"block {Index} at byte {Offset}");
}
