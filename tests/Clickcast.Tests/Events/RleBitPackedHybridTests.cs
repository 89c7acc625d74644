using System.Buffers;
using Clickcast.Events;

namespace Clickcast.Tests.Events;

public sealed class RleBitPackedHybridTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(256, 8)]
    [InlineData(257, 9)]
    public void BitWidth_IsTheBitsOfTheLargestIndex_AtLeastOne(int entries, int bits) =>
        Assert.Equal(bits, RleBitPackedHybrid.BitWidth(entries));

    [Fact]
    public void Encode_ARunOfEightOrMore_IsOneRleRun()
    {
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedHybrid.Encode([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 3, output);
        // Header: run length 10 shifted left, low bit 0; then the value in one byte.
        Assert.Equal([0x14, 0x05], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_DistinctValues_AreBitPackedLeastSignificantBitFirst()
    {
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedHybrid.Encode([0, 1, 2, 3, 4, 5, 6, 7], 3, output);
        // The Parquet specification's example: 0..7 in 3 bits are 10001000 11000110 11111010 after the header (1 group, bit-packed).
        Assert.Equal([0x03, 0x88, 0xC6, 0xFA], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_ALastShortGroup_IsPaddedWithZeros()
    {
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedHybrid.Encode([1, 0, 1], 1, output);
        Assert.Equal([0x03, 0b101], output.WrittenSpan.ToArray());
    }
}
