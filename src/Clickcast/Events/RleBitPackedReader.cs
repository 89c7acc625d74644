namespace Clickcast.Events;

/// <summary>
/// Decodes Parquet's RLE/bit-packed hybrid encoding (dictionary indexes of a data page): RLE runs of one value and
/// bit-packed groups of eight values, least significant bit first (<see cref="RleBitPackedHybrid"/> writes them).
/// </summary>
internal static class RleBitPackedReader
{
    /// <summary>
    /// Fills <paramref name="output"/> with the first values of <paramref name="data"/>, each <paramref name="bitWidth"/>
    /// bits; false when the data ends before, or is not of this encoding.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32)
        {
            return false;
        }

        var valueBytes = (bitWidth + 7) / 8;
        var mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        var position = 0;
        var filled = 0;
        while (filled < output.Length)
        {
            if (!TryReadVarint(data, ref position, out var header))
            {
                return false;
            }

            if ((header & 1) == 0)
            {
                var run = (int)Math.Min(header >> 1, (uint)(output.Length - filled));
                if (valueBytes > data.Length - position)
                {
                    return false;
                }

                var value = 0u;
                for (var b = 0; b < valueBytes; b++)
                {
                    value |= (uint)data[position + b] << (8 * b);
                }

                position += valueBytes;
                output.Slice(filled, run).Fill((int)(value & mask));
                filled += run;
                continue;
            }

            var groups = (int)Math.Min(header >> 1, int.MaxValue / 8);
            var bytes = (long)groups * bitWidth;
            if (bytes > data.Length - position)
            {
                return false;
            }

            var take = Math.Min(groups * 8, output.Length - filled);
            var source = data.Slice(position, (int)bytes);
            var at = 0;
            ulong buffer = 0;
            var bits = 0;
            for (var v = 0; v < take; v++)
            {
                while (bits < bitWidth)
                {
                    buffer |= (ulong)source[at++] << bits;
                    bits += 8;
                }

                output[filled + v] = (int)((uint)buffer & mask);
                buffer >>= bitWidth;
                bits -= bitWidth;
            }

            position += (int)bytes;
            filled += take;
        }

        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, out uint value)
    {
        value = 0;
        for (var shift = 0; shift < 35 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
