using System.Buffers;
using System.Numerics;

namespace Clickcast.Events;

/// <summary>
/// Parquet's RLE/bit-packed hybrid encoding of small non-negative integers (dictionary indexes): a run of eight or more
/// equal values is one RLE run, anything else is bit-packed in groups of eight, least significant bit first.
/// </summary>
internal static class RleBitPackedHybrid
{
    /// <summary>Groups of eight values in one bit-packed run: its header stays one byte.</summary>
    private const int MaxGroupsPerRun = 63;

    /// <summary>Bits per index for a dictionary of <paramref name="entries"/> values (at least one).</summary>
    public static int BitWidth(int entries) => entries <= 1 ? 1 : 32 - BitOperations.LeadingZeroCount((uint)(entries - 1));

    /// <summary>Appends <paramref name="values"/>, each below 2^<paramref name="bitWidth"/>, to <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ArrayBufferWriter<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bitWidth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitWidth, 32);
        var i = 0;
        while (i < values.Length)
        {
            var run = RunLength(values, i);
            if (run >= 8)
            {
                WriteRle(values[i], run, bitWidth, output);
                i += run;
                continue;
            }

            // Bit-pack whole groups of eight until a long run starts at a group boundary; only the file's last group
            // may be padded (a reader knows the page's value count).
            var start = i;
            var groups = 0;
            do
            {
                i += 8;
                groups++;
            }
            while (groups < MaxGroupsPerRun && i < values.Length && RunLength(values, i) < 8);

            WriteBitPacked(values[start..Math.Min(i, values.Length)], groups, bitWidth, output);
        }
    }

    private static int RunLength(ReadOnlySpan<int> values, int start)
    {
        var value = values[start];
        var end = start + 1;
        while (end < values.Length && values[end] == value)
        {
            end++;
        }

        return end - start;
    }

    private static void WriteRle(int value, int count, int bitWidth, ArrayBufferWriter<byte> output)
    {
        var span = output.GetSpan(10);
        var n = ThriftCompactWriter.WriteVarint(span, (uint)count << 1);
        for (var b = 0; b < (bitWidth + 7) / 8; b++)
        {
            span[n++] = (byte)(value >> (8 * b));
        }

        output.Advance(n);
    }

    private static void WriteBitPacked(ReadOnlySpan<int> values, int groups, int bitWidth, ArrayBufferWriter<byte> output)
    {
        var bytes = groups * bitWidth;
        var span = output.GetSpan(bytes + 1);
        span[0] = (byte)((groups << 1) | 1);
        var target = span.Slice(1, bytes);
        target.Clear();
        ulong buffer = 0;
        var bits = 0;
        var at = 0;
        for (var v = 0; v < groups * 8; v++)
        {
            buffer |= (ulong)(uint)(v < values.Length ? values[v] : 0) << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                target[at++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }

        output.Advance(bytes + 1);
    }
}
