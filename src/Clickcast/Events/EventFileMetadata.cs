using System.Text;

namespace Clickcast.Events;

/// <summary>
/// What an events file's footer (Thrift <c>FileMetaData</c>) says about the columns <see cref="EventChunkDecoder"/>
/// reads: where each row group's client id, time, URL and event type chunks are. Parsed only for the flat layout
/// <see cref="EventFile.Schema"/> declares (required columns, <c>ts</c> an INT64 timestamp in microseconds, chunks
/// uncompressed or Snappy); any other file is left to Parquet.Net.
/// </summary>
internal sealed class EventFileMetadata
{
    private const int Int64Type = 2, ByteArrayType = 6, Required = 0, TimestampMicros = 10;
    private const int Uncompressed = 0, Snappy = 1;

    private EventFileMetadata(IReadOnlyList<RowGroup> rowGroups) => RowGroups = rowGroups;

    public IReadOnlyList<RowGroup> RowGroups { get; }

    /// <summary>One row group's rows and the chunks of the four columns read.</summary>
    public sealed record RowGroup(int Rows, Chunk ClientId, Chunk Timestamp, Chunk Url, Chunk EventType);

    /// <summary>Where a column chunk is, and how it is stored.</summary>
    /// <param name="DictionaryOffset">The dictionary page's offset, or -1.</param>
    /// <param name="DataOffset">The (first) data page's offset.</param>
    /// <param name="Length">Bytes of the chunk's pages, headers included, as stored.</param>
    /// <param name="Values">Values in the chunk.</param>
    /// <param name="IsSnappy">Whether its pages are Snappy-compressed (else uncompressed).</param>
    public readonly record struct Chunk(long DictionaryOffset, long DataOffset, long Length, long Values, bool IsSnappy)
    {
        public long Start => DictionaryOffset >= 0 ? DictionaryOffset : DataOffset;
    }

    /// <summary>Parses <paramref name="footer"/>; null when the file is not of the layout read here.</summary>
    /// <exception cref="FormatException">The footer is malformed.</exception>
    public static EventFileMetadata? Parse(ReadOnlySpan<byte> footer)
    {
        var thrift = new ThriftCompactReader(footer);
        var outer = thrift.BeginStruct();
        var schemaMatches = false;
        List<RowGroup>? groups = null;
        while (thrift.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 2 when type == ThriftCompactReader.ListType:
                    schemaMatches = SchemaMatches(ref thrift);
                    break;
                case 4 when type == ThriftCompactReader.ListType:
                    groups = ReadRowGroups(ref thrift);
                    break;
                default:
                    thrift.Skip(type);
                    break;
            }
        }

        thrift.EndStruct(outer);
        return schemaMatches && groups is not null && !groups.Contains(null!) ? new EventFileMetadata(groups) : null;
    }

    /// <summary>
    /// Whether the schema is flat and its client id, URL and event type are required strings and its <c>ts</c> a
    /// required INT64 timestamp in microseconds (a logical type or the legacy converted type).
    /// </summary>
    private static bool SchemaMatches(ref ThriftCompactReader thrift)
    {
        var (_, count) = thrift.ReadListHeader();
        var found = 0;
        var matches = true;
        for (var e = 0; e < count; e++)
        {
            var outer = thrift.BeginStruct();
            int? physical = null, repetition = null, converted = null, children = null;
            var micros = false;
            string? name = null;
            while (thrift.NextField(out var id, out var type))
            {
                switch (id)
                {
                    case 1 when type == ThriftCompactReader.I32Type:
                        physical = thrift.ReadI32();
                        break;
                    case 3 when type == ThriftCompactReader.I32Type:
                        repetition = thrift.ReadI32();
                        break;
                    case 4 when type == ThriftCompactReader.BinaryType:
                        name = Encoding.UTF8.GetString(thrift.ReadBinary());
                        break;
                    case 5 when type == ThriftCompactReader.I32Type:
                        children = thrift.ReadI32();
                        break;
                    case 6 when type == ThriftCompactReader.I32Type:
                        converted = thrift.ReadI32();
                        break;
                    case 10 when type == ThriftCompactReader.StructType:
                        micros = IsTimestampMicros(ref thrift);
                        break;
                    default:
                        thrift.Skip(type);
                        break;
                }
            }

            thrift.EndStruct(outer);
            if (e == 0)
            {
                continue; // the root
            }

            matches &= children is null or 0; // flat: every element after the root is a leaf
            var isString = physical == ByteArrayType && repetition == Required;
            if (name == EventFile.ClientId.Name || name == EventFile.Url.Name || name == EventFile.EventType.Name)
            {
                matches &= isString;
                found++;
            }
            else if (name == EventFile.Timestamp.Name)
            {
                matches &= physical == Int64Type && repetition == Required && (micros || converted == TimestampMicros);
                found++;
            }
        }

        return matches && found == 4;
    }

    /// <summary>Reads a <c>LogicalType</c> union: whether it is TIMESTAMP with unit MICROS.</summary>
    private static bool IsTimestampMicros(ref ThriftCompactReader thrift)
    {
        var micros = false;
        var outer = thrift.BeginStruct();
        while (thrift.NextField(out var id, out var type))
        {
            if (id != 8 || type != ThriftCompactReader.StructType)
            {
                thrift.Skip(type);
                continue;
            }

            var timestamp = thrift.BeginStruct();
            while (thrift.NextField(out var field, out var fieldType))
            {
                if (field != 2 || fieldType != ThriftCompactReader.StructType)
                {
                    thrift.Skip(fieldType);
                    continue;
                }

                // TimeUnit union: 1 MILLIS, 2 MICROS, 3 NANOS.
                var unit = thrift.BeginStruct();
                while (thrift.NextField(out var which, out var whichType))
                {
                    micros = which == 2;
                    thrift.Skip(whichType);
                }

                thrift.EndStruct(unit);
            }

            thrift.EndStruct(timestamp);
        }

        thrift.EndStruct(outer);
        return micros;
    }

    /// <summary>The row groups; a null entry for one whose chunks are not all of the layout read here.</summary>
    private static List<RowGroup> ReadRowGroups(ref ThriftCompactReader thrift)
    {
        var (_, count) = thrift.ReadListHeader();
        var groups = new List<RowGroup>(count);
        for (var g = 0; g < count; g++)
        {
            var outer = thrift.BeginStruct();
            long rows = -1;
            Chunk? client = null, time = null, url = null, type = null;
            var usable = true;
            while (thrift.NextField(out var id, out var fieldType))
            {
                if (id == 1 && fieldType == ThriftCompactReader.ListType)
                {
                    var (_, columns) = thrift.ReadListHeader();
                    for (var c = 0; c < columns; c++)
                    {
                        var (name, chunk) = ReadColumnChunk(ref thrift);
                        usable &= chunk is not null || !(name == EventFile.ClientId.Name || name == EventFile.Timestamp.Name || name == EventFile.Url.Name || name == EventFile.EventType.Name);
                        if (name == EventFile.ClientId.Name)
                        {
                            client = chunk;
                        }
                        else if (name == EventFile.Timestamp.Name)
                        {
                            time = chunk;
                        }
                        else if (name == EventFile.Url.Name)
                        {
                            url = chunk;
                        }
                        else if (name == EventFile.EventType.Name)
                        {
                            type = chunk;
                        }
                    }
                }
                else if (id == 3 && fieldType == ThriftCompactReader.I64Type)
                {
                    rows = thrift.ReadI64();
                }
                else
                {
                    thrift.Skip(fieldType);
                }
            }

            thrift.EndStruct(outer);
            var ok = usable && rows is >= 0 and <= int.MaxValue && client is { } a && time is { } b && url is { } c2 && type is { } d
                && a.Values == rows && b.Values == rows && c2.Values == rows && d.Values == rows;
            groups.Add(ok ? new RowGroup((int)rows, client!.Value, time!.Value, url!.Value, type!.Value) : null!);
        }

        return groups;
    }

    /// <summary>A <c>ColumnChunk</c>: its column's name and, when its data is in this file and readable here, where.</summary>
    private static (string? Name, Chunk? Chunk) ReadColumnChunk(ref ThriftCompactReader thrift)
    {
        var outer = thrift.BeginStruct();
        string? name = null;
        Chunk? chunk = null;
        var inThisFile = true;
        while (thrift.NextField(out var id, out var type))
        {
            if (id == 1 && type == ThriftCompactReader.BinaryType)
            {
                inThisFile = thrift.ReadBinary().IsEmpty;
            }
            else if (id == 3 && type == ThriftCompactReader.StructType)
            {
                (name, chunk) = ReadColumnMetaData(ref thrift);
            }
            else
            {
                thrift.Skip(type);
            }
        }

        thrift.EndStruct(outer);
        return (name, inThisFile ? chunk : null);
    }

    private static (string? Name, Chunk? Chunk) ReadColumnMetaData(ref ThriftCompactReader thrift)
    {
        var outer = thrift.BeginStruct();
        string? name = null;
        var pathDepth = 0;
        int codec = -1;
        long values = -1, length = -1, data = -1, dictionary = -1;
        while (thrift.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 3 when type == ThriftCompactReader.ListType:
                    var (elementType, count) = thrift.ReadListHeader();
                    pathDepth = count;
                    for (var i = 0; i < count; i++)
                    {
                        if (elementType != ThriftCompactReader.BinaryType)
                        {
                            throw new FormatException("a column path element is not a string");
                        }

                        var part = thrift.ReadBinary();
                        name ??= Encoding.UTF8.GetString(part);
                    }

                    break;
                case 4 when type == ThriftCompactReader.I32Type:
                    codec = thrift.ReadI32();
                    break;
                case 5 when type == ThriftCompactReader.I64Type:
                    values = thrift.ReadI64();
                    break;
                case 7 when type == ThriftCompactReader.I64Type:
                    length = thrift.ReadI64();
                    break;
                case 9 when type == ThriftCompactReader.I64Type:
                    data = thrift.ReadI64();
                    break;
                case 11 when type == ThriftCompactReader.I64Type:
                    dictionary = thrift.ReadI64();
                    break;
                default:
                    thrift.Skip(type);
                    break;
            }
        }

        thrift.EndStruct(outer);

        // Some writers put 0 for "no dictionary"; a dictionary page comes after the magic and before the data page.
        if (dictionary < 4 || dictionary >= data)
        {
            dictionary = -1;
        }

        var readable = pathDepth == 1 && codec is Uncompressed or Snappy && values >= 0 && length > 0 && length <= int.MaxValue && data >= 4;
        return (name, readable ? new Chunk(dictionary, data, length, values, codec == Snappy) : null);
    }
}
