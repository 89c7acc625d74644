using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// Appends values in Avro binary encoding to a growable buffer. The caller writes a record's fields in schema
/// order; nothing is checked against a schema, which keeps writing millions of records cheap.
/// </summary>
/// <example>
/// For <c>["null","string"]</c>: <c>WriteNullableString(referrer)</c>; for an array of strings:
/// <c>WriteArrayBlock(2); WriteString("a"); WriteString("b"); WriteArrayEnd();</c>.
/// </example>
internal sealed class AvroBinaryWriter
{
    private const int MaxVarintBytes = 10;

    private byte[] _buffer;
    private int _length;

    public AvroBinaryWriter(int initialCapacity = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _buffer = new byte[initialCapacity];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far; valid until the next write.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Forgets everything written, keeping the buffer.</summary>
    public void Clear() => _length = 0;

    /// <summary>Drops everything before <paramref name="start"/>, keeping the bytes after it.</summary>
    public void DiscardBefore(int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, _length);
        _buffer.AsSpan(start, _length - start).CopyTo(_buffer);
        _length -= start;
    }

    public void WriteBoolean(bool value)
    {
        Ensure(1);
        _buffer[_length++] = value ? (byte)1 : (byte)0;
    }

    public void WriteInt(int value) => WriteLong(value);

    /// <summary>Writes a zig-zag varint (<c>int</c>, <c>long</c>, enum index, union branch, block count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteLong(long value)
    {
        Ensure(MaxVarintBytes);
        _length += WriteVarint(_buffer.AsSpan(_length), (ulong)((value << 1) ^ (value >> 63)));
    }

    public void WriteFloat(float value)
    {
        Ensure(4);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>Writes a string as UTF-8 with its length; lone surrogates become U+FFFD.</summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        // Encode once into room reserved for the longest possible length prefix, then close the gap if the
        // actual prefix is shorter: cheaper than counting the bytes in a separate pass.
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var reserved = VarintLength((ulong)maxBytes << 1);
        Ensure(reserved + maxBytes);
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + reserved));
        var prefix = VarintLength((ulong)written << 1);
        if (prefix < reserved)
        {
            _buffer.AsSpan(_length + reserved, written).CopyTo(_buffer.AsSpan(_length + prefix));
        }

        WriteVarint(_buffer.AsSpan(_length), (ulong)written << 1);
        _length += prefix + written;
    }

    /// <summary>Writes an already UTF-8 encoded string with its length.</summary>
    public void WriteString(ReadOnlySpan<byte> utf8) => WriteBytes(utf8);

    /// <summary>Writes a <c>bytes</c> value with its length.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteFixed(value);
    }

    /// <summary>Writes a <c>fixed</c> value: the bytes alone, the schema knows the size.</summary>
    public void WriteFixed(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Writes the index of an enum symbol.</summary>
    public void WriteEnum(int index) => WriteLong(index);

    /// <summary>Writes the index of the union branch whose value follows.</summary>
    public void WriteUnionIndex(int index) => WriteLong(index);

    /// <summary>
    /// Writes a value of <c>["null","string"]</c> (or <c>["string","null"]</c> when <paramref name="nullBranch"/> is 1).
    /// </summary>
    public void WriteNullableString(string? value, int nullBranch = 0)
    {
        if (value is null)
        {
            WriteUnionIndex(nullBranch);
            return;
        }

        WriteUnionIndex(1 - nullBranch);
        WriteString(value);
    }

    /// <summary>Starts a block of <paramref name="count"/> array items; finish the array with <see cref="WriteArrayEnd"/>.</summary>
    public void WriteArrayBlock(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        WriteLong(count);
    }

    /// <summary>Ends an array (an empty block).</summary>
    public void WriteArrayEnd() => WriteLong(0);

    /// <summary>Starts a block of <paramref name="count"/> map entries (key string, then value); finish with <see cref="WriteMapEnd"/>.</summary>
    public void WriteMapBlock(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        WriteLong(count);
    }

    /// <summary>Ends a map (an empty block).</summary>
    public void WriteMapEnd() => WriteLong(0);

    /// <summary>Writes an unsigned varint into <paramref name="destination"/> and returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int WriteVarint(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Grow(bytes);
        }
    }

    private void Grow(int bytes)
    {
        var needed = (long)_length + bytes;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException("An Avro block cannot exceed 2 GB; write fewer records per block.");
        }

        Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_buffer.Length * 2)));
    }
}
