using System.Buffers;

namespace Clickcast.Events;

/// <summary>
/// The Parquet footer (Thrift <c>FileMetaData</c>) of an events file: the <see cref="EventFile.Schema"/> as Parquet.Net
/// declares it (required UTF8 strings, <c>ts</c> an INT64 TIMESTAMP in microseconds adjusted to UTC), the row groups'
/// column chunks (Snappy) and the file's key-value metadata.
/// </summary>
internal static class EventFileFooter
{
    private const int Int64Type = 2, ByteArrayType = 6, Required = 0, Utf8 = 0, Snappy = 1;
    private const int Plain = 0, PlainDictionary = 2, Rle = 3;

    /// <summary>The schema's columns in file order: name and whether it is a string (else the timestamp).</summary>
    private static readonly (string Name, bool IsString)[] Columns =
    [
        (EventFile.Tenant.Name, true),
        (EventFile.ClientId.Name, true),
        (EventFile.Timestamp.Name, false),
        (EventFile.Url.Name, true),
        (EventFile.EventType.Name, true),
    ];

    /// <summary>Columns per row group, in file order.</summary>
    public static int ColumnCount => Columns.Length;

    public static void Write(ArrayBufferWriter<byte> output, IReadOnlyList<(int Rows, EventColumnChunk[] Chunks)> groups, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        var thrift = new ThriftCompactWriter(output);
        thrift.BeginStruct();
        thrift.I32(1, 1);
        thrift.BeginList(2, ThriftCompactWriter.StructType, Columns.Length + 1);
        thrift.BeginStruct();
        thrift.String(4, "schema");
        thrift.I32(5, Columns.Length);
        thrift.EndStruct();
        foreach (var (name, isString) in Columns)
        {
            WriteSchemaElement(thrift, name, isString);
        }

        thrift.I64(3, groups.Sum(g => (long)g.Rows));
        thrift.BeginList(4, ThriftCompactWriter.StructType, groups.Count);
        foreach (var (rows, chunks) in groups)
        {
            WriteRowGroup(thrift, rows, chunks);
        }

        thrift.BeginList(5, ThriftCompactWriter.StructType, metadata.Count);
        foreach (var (key, value) in metadata)
        {
            thrift.BeginStruct();
            thrift.String(1, key);
            thrift.String(2, value);
            thrift.EndStruct();
        }

        thrift.String(6, "Clickcast");
        thrift.EndStruct();
    }

    private static void WriteSchemaElement(ThriftCompactWriter thrift, string name, bool isString)
    {
        thrift.BeginStruct();
        thrift.I32(1, isString ? ByteArrayType : Int64Type);
        thrift.I32(3, Required);
        thrift.String(4, name);
        if (isString)
        {
            thrift.I32(6, Utf8);
            thrift.BeginStruct(10);
            thrift.BeginStruct(1);
            thrift.EndStruct();
            thrift.EndStruct();
        }
        else
        {
            // LogicalType.TIMESTAMP { isAdjustedToUTC = true, unit = MICROS }.
            thrift.BeginStruct(10);
            thrift.BeginStruct(8);
            thrift.Bool(1, true);
            thrift.BeginStruct(2);
            thrift.BeginStruct(2);
            thrift.EndStruct();
            thrift.EndStruct();
            thrift.EndStruct();
            thrift.EndStruct();
        }

        thrift.EndStruct();
    }

    private static void WriteRowGroup(ThriftCompactWriter thrift, int rows, EventColumnChunk[] chunks)
    {
        thrift.BeginStruct();
        thrift.BeginList(1, ThriftCompactWriter.StructType, chunks.Length);
        for (var c = 0; c < chunks.Length; c++)
        {
            var chunk = chunks[c];
            var (name, isString) = Columns[c];
            thrift.BeginStruct();
            thrift.I64(2, chunk.FirstOffset);
            thrift.BeginStruct(3);
            thrift.I32(1, isString ? ByteArrayType : Int64Type);
            thrift.BeginList(2, ThriftCompactWriter.I32ElementType, 2);
            thrift.I32Element(chunk.HasDictionary ? PlainDictionary : Plain);
            thrift.I32Element(Rle);
            thrift.BeginList(3, ThriftCompactWriter.StringType, 1);
            thrift.StringElement(name);
            thrift.I32(4, Snappy);
            thrift.I64(5, rows);
            thrift.I64(6, chunk.Uncompressed);
            thrift.I64(7, chunk.Compressed);
            thrift.I64(9, chunk.DataOffset);
            if (chunk.HasDictionary)
            {
                thrift.I64(11, chunk.DictionaryOffset);
            }

            thrift.EndStruct();
            thrift.EndStruct();
        }

        thrift.I64(2, chunks.Sum(c => c.Uncompressed));
        thrift.I64(3, rows);
        thrift.EndStruct();
    }
}
