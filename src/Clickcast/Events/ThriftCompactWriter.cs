using System.Buffers;
using System.Text;

namespace Clickcast.Events;

/// <summary>
/// The Thrift compact protocol, write side, as far as Parquet's page headers and footer need it: structs, lists,
/// i32, i64, bool and binary fields. Field ids are delta-encoded against the previous field of the same struct.
/// </summary>
internal sealed class ThriftCompactWriter(ArrayBufferWriter<byte> output)
{
    private const byte True = 1, False = 2, I32Type = 5, I64Type = 6, BinaryType = 8, ListType = 9;

    /// <summary>The compact type of a struct (list elements and fields).</summary>
    public const byte StructType = 12;

    /// <summary>The compact type of binary (strings) list elements.</summary>
    public const byte StringType = BinaryType;

    /// <summary>The compact type of i32 (enum) list elements.</summary>
    public const byte I32ElementType = I32Type;

    private readonly Stack<short> _outer = new();
    private short _last;

    public void I32(short id, int value)
    {
        Header(id, I32Type);
        Varint((uint)((value << 1) ^ (value >> 31)));
    }

    public void I64(short id, long value)
    {
        Header(id, I64Type);
        Varint((ulong)((value << 1) ^ (value >> 63)));
    }

    public void Bool(short id, bool value) => Header(id, value ? True : False);

    public void String(short id, string value)
    {
        Header(id, BinaryType);
        StringElement(value);
    }

    /// <summary>Starts a struct: a field of the current struct, or (without an id) the top level or a list element.</summary>
    public void BeginStruct(short id)
    {
        Header(id, StructType);
        BeginStruct();
    }

    public void BeginStruct()
    {
        _outer.Push(_last);
        _last = 0;
    }

    public void EndStruct()
    {
        Byte(0);
        _last = _outer.Count > 0 ? _outer.Pop() : (short)0;
    }

    public void BeginList(short id, byte elementType, int count)
    {
        Header(id, ListType);
        if (count < 15)
        {
            Byte((byte)((count << 4) | elementType));
        }
        else
        {
            Byte((byte)(0xF0 | elementType));
            Varint((uint)count);
        }
    }

    public void I32Element(int value) => Varint((uint)((value << 1) ^ (value >> 31)));

    public void StringElement(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Varint((uint)length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    private void Header(short id, byte type)
    {
        var delta = id - _last;
        if (delta is > 0 and <= 15)
        {
            Byte((byte)((delta << 4) | type));
        }
        else
        {
            Byte(type);
            Varint((uint)((id << 1) ^ (id >> 15)));
        }

        _last = id;
    }

    private void Byte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>Writes <paramref name="value"/> as an unsigned LEB128 varint (at most 10 bytes); returns the bytes written.</summary>
    internal static int WriteVarint(Span<byte> span, ulong value)
    {
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        return n;
    }

    private void Varint(ulong value) => output.Advance(WriteVarint(output.GetSpan(10), value));
}
