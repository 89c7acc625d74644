using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Snappier;

namespace Clickcast.Events;

/// <summary>
/// Encodes the column chunks of an events row group: strings as a dictionary page (the distinct values, PLAIN) and one
/// data page of RLE/bit-packed indexes, timestamps as one PLAIN INT64 page, every page Snappy-compressed. Events
/// repeat a few string instances (sources intern them), so an index is found by reference before any text is hashed,
/// and the maps and buffers are kept from chunk to chunk: nothing per row group is garbage. Not thread-safe: a writer
/// rents one for a row group (<see cref="Rent"/>) and returns it, so there are as many as row groups written at once
/// (one per file ingested in parallel), not one per thread an async continuation happened to run on.
/// </summary>
internal sealed class EventPageEncoder
{
    private const int DataPage = 0, DictionaryPage = 2;
    private const int Plain = 0, PlainDictionary = 2, Rle = 3;

    private static readonly Stack<EventPageEncoder> Idle = new();

    private readonly Dictionary<object, int> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);
    private readonly List<string> _dictionary = [];
    private readonly ArrayBufferWriter<byte> _page = new(1 << 16);
    private readonly ArrayBufferWriter<byte> _header = new(64);
    private readonly ThriftCompactWriter _thrift;
    private int[] _indexes = [];
    private byte[] _compressed = [];

    private EventPageEncoder()
    {
        _thrift = new ThriftCompactWriter(_header);
    }

    /// <summary>An idle encoder, or a new one; give it back with <see cref="Return"/>.</summary>
    public static EventPageEncoder Rent()
    {
        lock (Idle)
        {
            return Idle.Count > 0 ? Idle.Pop() : new EventPageEncoder();
        }
    }

    public static void Return(EventPageEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        lock (Idle)
        {
            Idle.Push(encoder);
        }
    }

    /// <summary>Writes a string column whose every one of <paramref name="count"/> values is <paramref name="value"/>.</summary>
    public EventColumnChunk WriteConstant(Stream stream, ref long position, string value, int count)
    {
        Reset(count);
        _dictionary.Add(value);
        _indexes.AsSpan(0, count).Clear();
        return WriteDictionaryChunk(stream, ref position, count);
    }

    /// <summary>Writes the strings at <paramref name="rows"/> of <paramref name="values"/>, dictionary-encoded.</summary>
    public EventColumnChunk WriteStrings(Stream stream, ref long position, string[] values, ReadOnlySpan<int> rows)
    {
        Reset(rows.Length);
        string? previous = null;
        var previousIndex = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var value = values[rows[i]];
            if (!ReferenceEquals(value, previous))
            {
                previousIndex = IndexOf(value);
                previous = value;
            }

            _indexes[i] = previousIndex;
        }

        return WriteDictionaryChunk(stream, ref position, rows.Length);
    }

    /// <summary>Writes the timestamps (microseconds since the epoch) at <paramref name="rows"/>, PLAIN.</summary>
    public EventColumnChunk WriteTimestamps(Stream stream, ref long position, long[] micros, ReadOnlySpan<int> rows)
    {
        _page.ResetWrittenCount();
        var span = _page.GetSpan(rows.Length * sizeof(long));
        for (var i = 0; i < rows.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span.Slice(i * sizeof(long)), micros[rows[i]]);
        }

        _page.Advance(rows.Length * sizeof(long));
        var offset = position;
        var (uncompressed, compressed) = WritePage(stream, ref position, DataPage, rows.Length, Plain);
        return new EventColumnChunk(-1, offset, uncompressed, compressed);
    }

    private void Reset(int count)
    {
        _byReference.Clear();
        _byText.Clear();
        _dictionary.Clear();
        if (_indexes.Length < count)
        {
            _indexes = new int[Math.Max(count, _indexes.Length * 2)];
        }
    }

    private int IndexOf(string value)
    {
        if (_byReference.TryGetValue(value, out var index))
        {
            return index;
        }

        if (!_byText.TryGetValue(value, out index))
        {
            index = _dictionary.Count;
            _dictionary.Add(value);
            _byText.Add(value, index);
        }

        _byReference.Add(value, index);
        return index;
    }

    private EventColumnChunk WriteDictionaryChunk(Stream stream, ref long position, int count)
    {
        _page.ResetWrittenCount();
        foreach (var value in _dictionary)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            var span = _page.GetSpan(sizeof(int) + length);
            BinaryPrimitives.WriteInt32LittleEndian(span, length);
            Encoding.UTF8.GetBytes(value, span[sizeof(int)..]);
            _page.Advance(sizeof(int) + length);
        }

        var dictionaryOffset = position;
        var (dictionaryUncompressed, dictionaryCompressed) = WritePage(stream, ref position, DictionaryPage, _dictionary.Count, PlainDictionary);

        _page.ResetWrittenCount();
        var bitWidth = RleBitPackedHybrid.BitWidth(_dictionary.Count);
        _page.GetSpan(1)[0] = (byte)bitWidth;
        _page.Advance(1);
        RleBitPackedHybrid.Encode(_indexes.AsSpan(0, count), bitWidth, _page);
        var dataOffset = position;
        var (dataUncompressed, dataCompressed) = WritePage(stream, ref position, DataPage, count, PlainDictionary);

        // Drop the references, so that the maps keep no text alive between row groups.
        _byReference.Clear();
        _byText.Clear();
        _dictionary.Clear();
        return new EventColumnChunk(dictionaryOffset, dataOffset, dictionaryUncompressed + dataUncompressed, dictionaryCompressed + dataCompressed);
    }

    /// <summary>Compresses the page buffer and writes it behind its header; returns both sizes, header included.</summary>
    private (long Uncompressed, long Compressed) WritePage(Stream stream, ref long position, int type, int values, int encoding)
    {
        var raw = _page.WrittenSpan;
        var max = Snappy.GetMaxCompressedLength(raw.Length);
        if (_compressed.Length < max)
        {
            _compressed = new byte[Math.Max(max, _compressed.Length * 2)];
        }

        var compressed = Snappy.Compress(raw, _compressed);
        _header.ResetWrittenCount();
        _thrift.BeginStruct();
        _thrift.I32(1, type);
        _thrift.I32(2, raw.Length);
        _thrift.I32(3, compressed);
        if (type == DictionaryPage)
        {
            _thrift.BeginStruct(7);
            _thrift.I32(1, values);
            _thrift.I32(2, encoding);
        }
        else
        {
            _thrift.BeginStruct(5);
            _thrift.I32(1, values);
            _thrift.I32(2, encoding);
            _thrift.I32(3, Rle);
            _thrift.I32(4, Rle);
        }

        _thrift.EndStruct();
        _thrift.EndStruct();
        stream.Write(_header.WrittenSpan);
        stream.Write(_compressed.AsSpan(0, compressed));
        position += _header.WrittenCount + compressed;
        return (_header.WrittenCount + raw.Length, _header.WrittenCount + compressed);
    }
}
