using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Snappier;

namespace Clickcast.Events;

/// <summary>
/// Decodes the column chunks of an events row group as <see cref="EventPageEncoder"/> writes them — a string chunk
/// as one dictionary page and one data page of dictionary indexes, the timestamps as one PLAIN page — without
/// Parquet.Net: each dictionary entry is looked up in the reader's <see cref="StringPool"/> once per row group and
/// every row gets its entry's pooled string by index, where Parquet.Net made a text slice per row that the reader
/// then compared and looked up. A chunk of any other shape (more pages, other encodings) is declined, and the
/// reader reads that row group through Parquet.Net. Keeps its buffers from chunk to chunk; not thread-safe.
/// </summary>
internal sealed class EventChunkDecoder
{
    private const int DataPage = 0, DictionaryPage = 2;
    private const int Plain = 0, PlainDictionary = 2, RleDictionary = 8;

    private byte[] _chunk = [];
    private byte[] _page = [];
    private char[] _chars = [];
    private int[] _indexes = [];
    private string[] _entries = [];
    private int[] _entryIndexes = [];

    /// <summary>
    /// Reads a required string chunk of <paramref name="rows"/> values into <paramref name="target"/> (pooled strings) and,
    /// unless it is empty, their pool indexes into <paramref name="indexes"/>; false when the chunk is not of the shape read here.
    /// </summary>
    /// <exception cref="FormatException">The chunk is malformed.</exception>
    /// <exception cref="InvalidDataException">A page does not decompress.</exception>
    public bool TryReadStrings(SafeFileHandle file, EventFileMetadata.Chunk chunk, int rows, string[] target, int[] indexes, StringPool pool)
    {
        if (chunk.DictionaryOffset < 0)
        {
            return false;
        }

        var data = Load(file, chunk);
        var position = 0;
        var header = ReadHeader(data, ref position);
        if (header.Type != DictionaryPage || header.Encoding is not (Plain or PlainDictionary) || position + header.Compressed != chunk.DataOffset - chunk.Start)
        {
            return false;
        }

        var entries = header.Values;
        if (!TryDecodeDictionary(Decompress(data, ref position, header, chunk.IsSnappy), entries, pool))
        {
            return false;
        }

        header = ReadHeader(data, ref position);
        if (header.Type != DataPage || header.Encoding is not (PlainDictionary or RleDictionary) || header.Values != rows || position + header.Compressed != data.Length)
        {
            return false;
        }

        var page = Decompress(data, ref position, header, chunk.IsSnappy);
        if (_indexes.Length < rows)
        {
            _indexes = new int[Math.Max(rows, _indexes.Length * 2)];
        }

        var keys = _indexes.AsSpan(0, rows);
        if (page.IsEmpty ? rows != 0 : !RleBitPackedReader.TryDecode(page[1..], page[0], keys))
        {
            return false;
        }

        var strings = _entries;
        var withIndexes = indexes.Length != 0;
        var entryIndexes = _entryIndexes;
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            if ((uint)key >= (uint)entries)
            {
                return false;
            }

            target[i] = strings[key];
            if (withIndexes)
            {
                indexes[i] = entryIndexes[key];
            }
        }

        return true;
    }

    /// <summary>Reads a required INT64 chunk of <paramref name="rows"/> PLAIN values into <paramref name="target"/>; false when not of that shape.</summary>
    /// <exception cref="FormatException">The chunk is malformed.</exception>
    /// <exception cref="InvalidDataException">The page does not decompress.</exception>
    public bool TryReadInt64s(SafeFileHandle file, EventFileMetadata.Chunk chunk, int rows, long[] target)
    {
        if (chunk.DictionaryOffset >= 0)
        {
            return false;
        }

        var data = Load(file, chunk);
        var position = 0;
        var header = ReadHeader(data, ref position);
        if (header.Type != DataPage || header.Encoding != Plain || header.Values != rows || header.Uncompressed != (long)rows * sizeof(long) || position + header.Compressed != data.Length)
        {
            return false;
        }

        var output = MemoryMarshal.AsBytes(target.AsSpan(0, rows));
        var source = data.Slice(position, header.Compressed);
        if (!chunk.IsSnappy)
        {
            source.CopyTo(output);
            return true;
        }

        return Snappy.Decompress(source, output) == output.Length;
    }

    /// <summary>Looks each of the dictionary's <paramref name="entries"/> (PLAIN: 4-byte length, UTF-8) up in <paramref name="pool"/>.</summary>
    private bool TryDecodeDictionary(ReadOnlySpan<byte> page, int entries, StringPool pool)
    {
        if (entries < 0)
        {
            return false;
        }

        if (_entries.Length < entries)
        {
            _entries = new string[Math.Max(entries, _entries.Length * 2)];
            _entryIndexes = new int[_entries.Length];
        }

        var position = 0;
        for (var e = 0; e < entries; e++)
        {
            if (page.Length - position < sizeof(int))
            {
                return false;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(page[position..]);
            position += sizeof(int);
            if (length < 0 || length > page.Length - position)
            {
                return false;
            }

            var bytes = page.Slice(position, length);
            position += length;
            if (_chars.Length < length)
            {
                _chars = new char[Math.Max(length, 256)];
            }

            var count = Encoding.UTF8.GetChars(bytes, _chars);
            _entries[e] = pool.Get(_chars.AsSpan(0, count), out _entryIndexes[e]);
        }

        return true;
    }

    /// <summary>Reads the chunk's bytes into the chunk buffer.</summary>
    private ReadOnlySpan<byte> Load(SafeFileHandle file, EventFileMetadata.Chunk chunk)
    {
        var length = (int)chunk.Length;
        if (_chunk.Length < length)
        {
            _chunk = new byte[Math.Max(length, _chunk.Length * 2)];
        }

        var buffer = _chunk.AsSpan(0, length);
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(file, buffer[read..], chunk.Start + read);
            if (n == 0)
            {
                throw new FormatException("an events column chunk runs past the end of its file");
            }

            read += n;
        }

        return buffer;
    }

    /// <summary>The page at <paramref name="position"/>, uncompressed (the page buffer, or a slice of the chunk); moves past it.</summary>
    private ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> data, ref int position, PageHeader header, bool snappy)
    {
        var source = data.Slice(position, header.Compressed);
        position += header.Compressed;
        if (!snappy)
        {
            return header.Uncompressed == source.Length ? source : throw new FormatException("an uncompressed page's sizes differ");
        }

        if (_page.Length < header.Uncompressed)
        {
            _page = new byte[Math.Max(header.Uncompressed, _page.Length * 2)];
        }

        var output = _page.AsSpan(0, header.Uncompressed);
        return Snappy.Decompress(source, output) == output.Length ? output : throw new FormatException("a page decompresses to another size than its header says");
    }

    /// <summary>A page header: its type, sizes and (of a data or dictionary page) value count and encoding.</summary>
    private static PageHeader ReadHeader(ReadOnlySpan<byte> data, ref int position)
    {
        var thrift = new ThriftCompactReader(data[position..]);
        var outer = thrift.BeginStruct();
        int type = -1, uncompressed = -1, compressed = -1, values = -1, encoding = -1;
        while (thrift.NextField(out var id, out var fieldType))
        {
            switch (id)
            {
                case 1 when fieldType == ThriftCompactReader.I32Type:
                    type = thrift.ReadI32();
                    break;
                case 2 when fieldType == ThriftCompactReader.I32Type:
                    uncompressed = thrift.ReadI32();
                    break;
                case 3 when fieldType == ThriftCompactReader.I32Type:
                    compressed = thrift.ReadI32();
                    break;
                case 5 or 7 when fieldType == ThriftCompactReader.StructType:
                    // DataPageHeader and DictionaryPageHeader both start with num_values and encoding.
                    var inner = thrift.BeginStruct();
                    while (thrift.NextField(out var field, out var innerType))
                    {
                        if (field == 1 && innerType == ThriftCompactReader.I32Type)
                        {
                            values = thrift.ReadI32();
                        }
                        else if (field == 2 && innerType == ThriftCompactReader.I32Type)
                        {
                            encoding = thrift.ReadI32();
                        }
                        else
                        {
                            thrift.Skip(innerType);
                        }
                    }

                    thrift.EndStruct(inner);
                    break;
                default:
                    thrift.Skip(fieldType);
                    break;
            }
        }

        thrift.EndStruct(outer);
        position += thrift.Position;
        if (uncompressed < 0 || compressed < 0 || compressed > data.Length - position)
        {
            throw new FormatException("a page header's sizes do not fit its column chunk");
        }

        return new PageHeader(type, uncompressed, compressed, values, encoding);
    }

    private readonly record struct PageHeader(int Type, int Uncompressed, int Compressed, int Values, int Encoding);
}
