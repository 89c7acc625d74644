namespace Clickcast.Events;

/// <summary>
/// The Thrift compact protocol, read side, as far as an events file's footer and page headers need it: struct fields,
/// lists, i32, i64, bool and binary, and skipping whatever else a writer put there. Malformed input throws
/// <see cref="FormatException"/>; the events reader then leaves the file to Parquet.Net.
/// </summary>
internal ref struct ThriftCompactReader(ReadOnlySpan<byte> data)
{
    public const byte BoolTrue = 1, BoolFalse = 2, ByteType = 3, I16Type = 4, I32Type = 5, I64Type = 6, DoubleType = 7;
    public const byte BinaryType = 8, ListType = 9, SetType = 10, MapType = 11, StructType = 12;

    private readonly ReadOnlySpan<byte> _data = data;
    private short _last;

    /// <summary>Bytes read so far.</summary>
    public int Position { get; private set; }

    /// <summary>Enters a struct (the top level, a list element or a field of struct type); returns what <see cref="EndStruct"/> restores.</summary>
    public short BeginStruct()
    {
        var outer = _last;
        _last = 0;
        return outer;
    }

    public void EndStruct(short outer) => _last = outer;

    /// <summary>The next field's id and type, or false at the struct's end.</summary>
    public bool NextField(out short id, out byte type)
    {
        var header = ReadByte();
        type = (byte)(header & 0x0F);
        if (type == 0)
        {
            id = 0;
            return false;
        }

        var delta = header >> 4;
        id = delta != 0 ? (short)(_last + delta) : checked((short)ZigZag32(ReadVarint()));
        _last = id;
        return true;
    }

    public int ReadI32() => ZigZag32(ReadVarint());

    public long ReadI64()
    {
        var value = ReadVarint();
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    /// <summary>A binary (string) value, as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = checked((int)ReadVarint());
        if (length < 0 || length > _data.Length - Position)
        {
            throw new FormatException("a Thrift binary runs past its input");
        }

        var value = _data.Slice(Position, length);
        Position += length;
        return value;
    }

    /// <summary>A list's (or set's) element type and size.</summary>
    public (byte ElementType, int Count) ReadListHeader()
    {
        var header = ReadByte();
        var count = header >> 4;
        return ((byte)(header & 0x0F), count == 15 ? checked((int)ReadVarint()) : count);
    }

    /// <summary>Skips a value of <paramref name="type"/> (a field's or a list element's).</summary>
    public void Skip(byte type)
    {
        switch (type)
        {
            case BoolTrue or BoolFalse:
                break;
            case ByteType:
                ReadByte();
                break;
            case I16Type or I32Type or I64Type:
                ReadVarint();
                break;
            case DoubleType:
                Advance(sizeof(double));
                break;
            case BinaryType:
                ReadBinary();
                break;
            case ListType or SetType:
                SkipList();
                break;
            case MapType:
                var entries = checked((int)ReadVarint());
                if (entries > 0)
                {
                    var kinds = ReadByte();
                    for (var i = 0; i < entries; i++)
                    {
                        SkipElement((byte)(kinds >> 4));
                        SkipElement((byte)(kinds & 0x0F));
                    }
                }

                break;
            case StructType:
                var outer = BeginStruct();
                while (NextField(out _, out var fieldType))
                {
                    Skip(fieldType);
                }

                EndStruct(outer);
                break;
            default:
                throw new FormatException($"unknown Thrift compact type {type}");
        }
    }

    public void SkipList()
    {
        var (elementType, count) = ReadListHeader();
        for (var i = 0; i < count; i++)
        {
            SkipElement(elementType);
        }
    }

    /// <summary>Skips a list, set or map element: booleans there take a byte each, unlike fields.</summary>
    private void SkipElement(byte type)
    {
        if (type is BoolTrue or BoolFalse)
        {
            ReadByte();
            return;
        }

        Skip(type);
    }

    private void Advance(int bytes)
    {
        if (bytes > _data.Length - Position)
        {
            throw new FormatException("a Thrift value runs past its input");
        }

        Position += bytes;
    }

    private byte ReadByte()
    {
        if (Position >= _data.Length)
        {
            throw new FormatException("the Thrift input ended early");
        }

        return _data[Position++];
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("a Thrift varint is too long");
    }

    private static int ZigZag32(ulong value) => (int)(uint)(value >> 1) ^ -(int)(uint)(value & 1);
}
