using System.Buffers;
using Clickcast.Events;

namespace Clickcast.Tests.Events;

public sealed class RleBitPackedReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    public void TryDecode_WhatTheEncoderWrote_GivesTheValuesBack(int bitWidth)
    {
        var random = new Random(bitWidth);
        var max = bitWidth == 32 ? int.MaxValue : (int)((1L << bitWidth) - 1);
        var values = new int[10_003];
        for (var i = 0; i < values.Length; i++)
        {
            // Runs long and short, and values spread over the whole width.
            values[i] = i % 500 < 100 ? max : i % 500 < 120 ? (i % 3) & max : random.Next(0, max);
        }

        var encoded = new ArrayBufferWriter<byte>();
        RleBitPackedHybrid.Encode(values, bitWidth, encoded);
        var decoded = new int[values.Length];

        Assert.True(RleBitPackedReader.TryDecode(encoded.WrittenSpan, bitWidth, decoded));
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void TryDecode_TheSpecificationsExample_IsZeroToSeven() =>
        AssertDecodes([0x03, 0x88, 0xC6, 0xFA], 3, [0, 1, 2, 3, 4, 5, 6, 7]);

    [Fact]
    public void TryDecode_AnRleRun_RepeatsItsValue() =>
        AssertDecodes([0x14, 0x05], 3, [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]);

    [Fact]
    public void TryDecode_DataEndingEarly_IsFalse()
    {
        var encoded = new ArrayBufferWriter<byte>();
        RleBitPackedHybrid.Encode([1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3], 3, encoded);
        var decoded = new int[11];

        Assert.False(RleBitPackedReader.TryDecode(encoded.WrittenSpan[..^1], 3, decoded));
        Assert.False(RleBitPackedReader.TryDecode(encoded.WrittenSpan, 33, decoded));
    }

    private static void AssertDecodes(byte[] data, int bitWidth, int[] expected)
    {
        var decoded = new int[expected.Length];
        Assert.True(RleBitPackedReader.TryDecode(data, bitWidth, decoded));
        Assert.Equal(expected, decoded);
    }
}
