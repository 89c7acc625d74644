using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Snappier;

namespace Clickcast.Events;

/// <summary>
/// Encodes the column chunks of an events row group: strings as a dictionary page (the distinct values, PLAIN) and one
/// data page of RLE/bit-packed indexes, timestamps as one PLAIN INT64 page, every page Snappy-compressed. A value equal
/// to the previous row's costs a compare; URLs and event types repeat a few string instances (sources intern them), so
/// their index is found by reference before any text is hashed; client ids are mostly new instances, found by text
/// only. The maps and buffers are kept from chunk to chunk: nothing per row group is garbage. Not thread-safe: a
/// writer rents one for a row group from <see cref="EventPageEncoderPool"/> and returns it.
/// </summary>
internal sealed class EventPageEncoder
{
    /// <summary>A buffer larger than this is let go when the encoder goes idle (<see cref="ReleaseLargeBuffers"/>).</summary>
    internal const int KeptBufferBytes = 4 << 20;

    /// <summary>A map with room for more entries than this is shrunk to it when the encoder goes idle.</summary>
    internal const int KeptMapEntries = 1 << 17;

    private const int DataPage = 0, DictionaryPage = 2;
    private const int Plain = 0, PlainDictionary = 2, Rle = 3;

    private readonly Dictionary<object, int> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);
    private readonly List<string> _dictionary = [];
    private readonly ArrayBufferWriter<byte> _header = new(64);
    private readonly ThriftCompactWriter _thrift;
    private ArrayBufferWriter<byte> _page = new(1 << 16);
    private int[] _indexes = [];
    private byte[] _compressed = [];

    public EventPageEncoder()
    {
        _thrift = new ThriftCompactWriter(_header);
    }

    /// <summary>Bytes held by the encoder's buffers and maps between row groups (approximate for the maps).</summary>
    internal long RetainedBytes =>
        _page.Capacity + _compressed.Length + ((long)_indexes.Length * sizeof(int)) + ((long)_dictionary.Capacity * IntPtr.Size)
        + ((long)(_byReference.Capacity + _byText.Capacity) * MapBytesPerEntry);

    /// <summary>
    /// The most an idle encoder holds (<see cref="RetainedBytes"/>): three buffers of <see cref="KeptBufferBytes"/>, the
    /// list and maps with room for under twice <see cref="KeptMapEntries"/> (a map's capacity is a prime at or above).
    /// </summary>
    internal static long MaxIdleBytes => (3L * KeptBufferBytes) + (2L * KeptMapEntries * (IntPtr.Size + (2 * MapBytesPerEntry)));

    /// <summary>Bytes a map entry takes: the entry (hash, next, key, value) and its bucket.</summary>
    private static int MapBytesPerEntry => (2 * sizeof(int)) + IntPtr.Size + sizeof(int) + sizeof(int);

    /// <summary>Writes a string column whose every one of <paramref name="count"/> values is <paramref name="value"/>.</summary>
    public EventColumnChunk WriteConstant(Stream stream, ref long position, string value, int count)
    {
        Reset(count);
        _dictionary.Add(value);
        _indexes.AsSpan(0, count).Clear();
        return WriteDictionaryChunk(stream, ref position, count);
    }

    /// <summary>
    /// Writes the strings at <paramref name="rows"/> of <paramref name="values"/>, dictionary-encoded. With
    /// <paramref name="sharedInstances"/> a value is looked up by reference before its text: for columns whose rows
    /// repeat a few instances (URLs, event types); without, by text only (client ids, mostly one instance per row).
    /// </summary>
    public EventColumnChunk WriteStrings(Stream stream, ref long position, string[] values, ReadOnlySpan<int> rows, bool sharedInstances)
    {
        Reset(rows.Length);
        string? previous = null;
        var previousIndex = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var value = values[rows[i]];

            // One client's events come in a run, often as distinct instances of one text: comparing is cheaper than hashing.
            if (!ReferenceEquals(value, previous))
            {
                if (previous is null || !value.AsSpan().SequenceEqual(previous))
                {
                    previousIndex = sharedInstances ? IndexByReference(value) : IndexByText(value);
                }

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

    /// <summary>
    /// Lets go of buffers grown past <see cref="KeptBufferBytes"/> and shrinks maps past <see cref="KeptMapEntries"/>,
    /// so that an idle encoder does not keep the largest row group's memory for the life of the process.
    /// </summary>
    internal void ReleaseLargeBuffers()
    {
        if (_page.Capacity > KeptBufferBytes)
        {
            _page = new ArrayBufferWriter<byte>(1 << 16);
        }

        if (_compressed.Length > KeptBufferBytes)
        {
            _compressed = [];
        }

        if ((long)_indexes.Length * sizeof(int) > KeptBufferBytes)
        {
            _indexes = [];
        }

        if (_dictionary.Capacity > KeptMapEntries)
        {
            _dictionary.Capacity = KeptMapEntries;
        }

        if (_byReference.Capacity > KeptMapEntries)
        {
            _byReference.TrimExcess(KeptMapEntries);
        }

        if (_byText.Capacity > KeptMapEntries)
        {
            _byText.TrimExcess(KeptMapEntries);
        }
    }

    private void Reset(int count)
    {
        _byReference.Clear();
        _byText.Clear();
        _dictionary.Clear();
        if (_indexes.Length < count)
        {
            _indexes = new int[Math.Min(Math.Max(count, _indexes.Length * 2), Math.Max(count, EventFile.RowGroupSize))];
        }
    }

    private int IndexByText(string value)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_byText, value, out var exists);
        if (!exists)
        {
            index = _dictionary.Count;
            _dictionary.Add(value);
        }

        return index;
    }

    private int IndexByReference(string value)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_byReference, value, out var exists);
        if (!exists)
        {
            // The text map is another dictionary: adding to it leaves this entry's reference valid.
            index = IndexByText(value);
        }

        return index;
    }

    private EventColumnChunk WriteDictionaryChunk(Stream stream, ref long position, int count)
    {
        _page.ResetWrittenCount();
        foreach (var value in _dictionary)
        {
            var span = _page.GetSpan(sizeof(int) + Encoding.UTF8.GetMaxByteCount(value.Length));
            var length = Encoding.UTF8.GetBytes(value, span[sizeof(int)..]);
            BinaryPrimitives.WriteInt32LittleEndian(span, length);
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
