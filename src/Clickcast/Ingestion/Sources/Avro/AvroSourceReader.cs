namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// Reads Avro object container files (codecs null, deflate, snappy, zstandard) whatever their schema: the mapped
/// fields are found by dotted path through nested records and unions, and a decoder compiled once per file from
/// the writer schema reads only those fields and skips the rest of each record by its encoding.
/// </summary>
/// <remarks>
/// Records are yielded block by block. A block's size, sync marker, decompression and checksum are checked
/// before any of its records is yielded; a record whose encoding is broken throws when it is reached, after the
/// block's earlier records. Either way the file fails with a <see cref="SourceFormatException"/> naming the block
/// and, for a broken record, its 1-based row; callers write nothing of a file until it has been read to the end.
/// </remarks>
internal sealed class AvroSourceReader : ISourceReader
{
    /// <summary>Rows decoded per step: large enough to keep the decode loop tight, small enough for the cache.</summary>
    private const int ChunkRows = 512;

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(Stream content, SourceReadContext context)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(context);
        return ReadRecords(content, context);
    }

    private static IEnumerable<SourceRecord> ReadRecords(Stream content, SourceReadContext context)
    {
        // Both borrow their buffers until the file is done (or given up): the next file takes them.
        using var blocks = new AvroBlockReader(content, context.SourceName, context.MaxDecompressedBytes);
        var header = blocks.ReadHeader();
        using var projection = AvroProjection.Create(header.Schema, context);
        context.ResolvedMapping = projection.Mapping;
        var rows = new SourceRecord[ChunkRows];
        while (blocks.TryReadBlock(out var block))
        {
            // Every record has a mapped field, so it takes at least one byte.
            if (block.Count > block.Length)
            {
                throw new SourceFormatException(
                    context.SourceName, null, $"{block.Describe()} declares {block.Count} records in {block.Length} bytes");
            }

            var position = 0;
            for (long done = 0; done < block.Count;)
            {
                var count = (int)Math.Min(rows.Length, block.Count - done);
                position = Decode(projection, block, position, block.FirstRow + done, rows.AsSpan(0, count), context.SourceName);
                for (var i = 0; i < count; i++)
                {
                    yield return rows[i];
                }

                done += count;
            }

            if (position != block.Length)
            {
                throw new SourceFormatException(
                    context.SourceName,
                    null,
                    $"{block.Describe()}: {block.Length - position} bytes are left over after its {block.Count} records (the count or the data is corrupt)");
            }
        }
    }

    /// <summary>Decodes <paramref name="rows"/>.Length records starting at <paramref name="position"/>; returns where they end.</summary>
    private static int Decode(AvroProjection projection, AvroBlock block, int position, long firstRow, Span<SourceRecord> rows, string sourceName)
    {
        var cursor = new AvroCursor(block.Data.AsSpan(0, block.Length), position);
        var row = firstRow;
        try
        {
            for (var i = 0; i < rows.Length; i++, row++)
            {
                rows[i] = projection.Decode(ref cursor, row);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new SourceFormatException(sourceName, row, $"{block.Describe()}: {ex.Message}", ex);
        }

        return cursor.Position;
    }
}
