namespace Clickcast.Ingestion.Sources.Columnar;

/// <summary>
/// Walks Thrift compact-protocol structs (Parquet's footer and page headers) without decoding them, checking that
/// every length and element count fits in the bytes that remain. Parquet.Net allocates what a length claims
/// before reading it, so a corrupt or hostile length must be caught here first.
/// </summary>
internal static class ThriftCompactWalker
{
    private const int MaxDepth = 32;

    /// <summary>
    /// Walks one struct from <paramref name="position"/>; on success <paramref name="position"/> is just past it and
    /// <paramref name="i32Fields"/> holds the top-level i32 fields whose ids are 1 to its length (0 when absent).
    /// </summary>
    public static bool TryWalkStruct(ReadOnlySpan<byte> data, ref int position, Span<long> i32Fields)
    {
        i32Fields.Clear();
        return TryStruct(data, ref position, 0, i32Fields);
    }

    private static bool TryStruct(ReadOnlySpan<byte> data, ref int position, int depth, Span<long> i32Fields)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        var fieldId = 0L;
        while (true)
        {
            if (position >= data.Length)
            {
                return false;
            }

            var header = data[position++];
            if (header == 0)
            {
                return true;
            }

            var type = header & 0x0F;
            var delta = header >> 4;
            if (delta == 0)
            {
                if (!TryVarint(data, ref position, out var zigzag))
                {
                    return false;
                }

                fieldId = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
            }
            else
            {
                fieldId += delta;
            }

            if (type == 5 && fieldId >= 1 && fieldId <= i32Fields.Length)
            {
                if (!TryVarint(data, ref position, out var zigzag))
                {
                    return false;
                }

                i32Fields[(int)fieldId - 1] = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                continue;
            }

            // Booleans carry their value in the field header.
            if (type is 1 or 2)
            {
                continue;
            }

            if (!TrySkip(data, ref position, type, depth + 1))
            {
                return false;
            }
        }
    }

    private static bool TrySkip(ReadOnlySpan<byte> data, ref int position, int type, int depth)
    {
        switch (type)
        {
            case 1 or 2 or 3:
                // A boolean element of a list, or a byte: one byte.
                return ++position <= data.Length;
            case 4 or 5 or 6:
                return TryVarint(data, ref position, out _);
            case 7:
                position += 8;
                return position <= data.Length;
            case 8:
            {
                if (!TryVarint(data, ref position, out var length) || length > (ulong)(data.Length - position))
                {
                    return false;
                }

                position += (int)length;
                return true;
            }

            case 9 or 10:
            {
                if (position >= data.Length || depth > MaxDepth)
                {
                    return false;
                }

                var header = data[position++];
                var elementType = header & 0x0F;
                ulong count = (ulong)(header >> 4);
                if (count == 15 && !TryVarint(data, ref position, out count))
                {
                    return false;
                }

                // Every element takes at least one byte.
                if (count > (ulong)(data.Length - position))
                {
                    return false;
                }

                for (ulong i = 0; i < count; i++)
                {
                    if (!TrySkip(data, ref position, elementType, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case 11:
            {
                if (!TryVarint(data, ref position, out var count) || depth > MaxDepth)
                {
                    return false;
                }

                if (count == 0)
                {
                    return true;
                }

                if (position >= data.Length || count > (ulong)(data.Length - position) / 2)
                {
                    return false;
                }

                var types = data[position++];
                for (ulong i = 0; i < count; i++)
                {
                    if (!TrySkip(data, ref position, types >> 4, depth + 1) || !TrySkip(data, ref position, types & 0x0F, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case 12:
                return TryStruct(data, ref position, depth, []);
            default:
                return false;
        }
    }

    private static bool TryVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                return false;
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
