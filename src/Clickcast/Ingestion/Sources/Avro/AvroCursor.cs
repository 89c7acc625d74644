using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// Reads Avro binary encoding from one decompressed block. Every read is bounds-checked: running past the block
/// throws <see cref="InvalidDataException"/>, which the reader turns into a <see cref="SourceFormatException"/>
/// naming the row.
/// </summary>
internal ref struct AvroCursor
{
    /// <summary>How deep records, arrays and maps may nest; only recursive schemas get near it.</summary>
    private const int MaxDepth = 200;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _depth;

    public AvroCursor(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    public readonly int Position => _position;

    public readonly ReadOnlySpan<byte> Data => _data;

    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads a zig-zag varint (Avro <c>int</c> and <c>long</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadLong()
    {
        var position = _position;
        if ((uint)position < (uint)_data.Length)
        {
            uint first = _data[position];
            if (first < 0x80)
            {
                _position = position + 1;
                return (long)(first >> 1) ^ -(long)(first & 1);
            }
        }

        return ReadLongSlow();
    }

    /// <summary>Reads a union branch index and checks it against the number of branches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadUnionIndex(int branches)
    {
        var index = ReadLong();
        if ((ulong)index >= (ulong)branches)
        {
            ThrowInvalid($"union branch {index} does not exist (the schema has {branches})");
        }

        return (int)index;
    }

    /// <summary>Reads the length prefix of a string or bytes value and returns where its bytes are; advances past them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadLengthPrefixed(out int length)
    {
        var declared = ReadLong();
        var start = _position;
        if ((ulong)declared > (ulong)(_data.Length - start))
        {
            ThrowInvalid(declared < 0 ? $"negative length {declared}" : $"a value of {declared} bytes runs past the end of the block");
        }

        length = (int)declared;
        _position = start + length;
        return start;
    }

    /// <summary>Skips a varint without decoding it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SkipVarint()
    {
        var position = _position;
        if ((uint)position < (uint)_data.Length && _data[position] < 0x80)
        {
            _position = position + 1;
            return;
        }

        ReadLongSlow();
    }

    /// <summary>Skips a string or bytes value by its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SkipLengthPrefixed() => ReadLengthPrefixed(out _);

    /// <summary>Skips <paramref name="count"/> bytes (fixed, float, double, boolean).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count)
    {
        if ((uint)count > (uint)(_data.Length - _position))
        {
            ThrowInvalid($"a value of {count} bytes runs past the end of the block");
        }

        _position += count;
    }

    /// <summary>Skips <paramref name="count"/> items of <paramref name="size"/> bytes each, checking the product first.</summary>
    public void Skip(long count, int size)
    {
        if (count < 0 || (size > 0 && count > (_data.Length - _position) / size))
        {
            ThrowInvalid($"{count} items of {size} bytes run past the end of the block");
        }

        _position += (int)(count * size);
    }

    public float ReadFloat()
    {
        var start = _position;
        Skip(4);
        return BinaryPrimitives.ReadSingleLittleEndian(_data.Slice(start, 4));
    }

    public double ReadDouble()
    {
        var start = _position;
        Skip(8);
        return BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(start, 8));
    }

    /// <summary>Reads an array or map block count; a negative count is followed by the block's byte size, which is read and checked.</summary>
    public long ReadBlockCount(out long byteSize)
    {
        var count = ReadLong();
        byteSize = -1;
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                ThrowInvalid("an array or map block count is out of range");
            }

            count = -count;
            byteSize = ReadLong();
            if (byteSize < 0 || byteSize > Remaining)
            {
                ThrowInvalid($"an array or map block of {byteSize} bytes runs past the end of the block");
            }
        }

        return count;
    }

    /// <summary>Counts one more level of nesting; recursive schemas could otherwise exhaust the stack on hostile data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if (++_depth > MaxDepth)
        {
            ThrowInvalid($"values nest deeper than {MaxDepth} levels");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Leave() => _depth--;

    [DoesNotReturn]
    public static void ThrowInvalid(string reason) => throw new InvalidDataException(reason);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long ReadLongSlow()
    {
        ulong value = 0;
        var shift = 0;
        var position = _position;
        while (true)
        {
            if (position >= _data.Length)
            {
                ThrowInvalid("a number runs past the end of the block");
            }

            uint b = _data[position++];
            if (shift == 63 && b > 1)
            {
                ThrowInvalid("a number is longer than 64 bits");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
            if (shift > 63)
            {
                ThrowInvalid("a number is longer than 64 bits");
            }
        }

        _position = position;
        return (long)(value >> 1) ^ -(long)(value & 1);
    }
}
