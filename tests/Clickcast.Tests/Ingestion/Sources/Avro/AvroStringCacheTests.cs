using System.Text;
using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

public sealed class AvroStringCacheTests
{
    [Fact]
    public void TryGetString_RepeatedValue_ReturnsSameInstance()
    {
        var cache = new AvroStringCache();

        Assert.True(cache.TryGetString("https://x/a"u8, out var first));
        Assert.True(cache.TryGetString("https://x/b"u8, out _));
        Assert.True(cache.TryGetString("https://x/a"u8, out var again));

        Assert.Equal("https://x/a", first);
        Assert.Same(first, again);
    }

    [Fact]
    public void TryGetString_InvalidUtf8_ReturnsFalseEveryTime()
    {
        var cache = new AvroStringCache();
        byte[] invalid = [(byte)'a', 0xC3, 0x28];

        Assert.False(cache.TryGetString(invalid, out _));
        Assert.False(cache.TryGetString(invalid, out _));
        Assert.True(cache.TryGetString("é"u8, out var valid));
        Assert.Equal("é", valid);
    }

    [Fact]
    public void TryGetString_ManyDistinctValues_StaysCorrectPastCapacityAndBypass()
    {
        var cache = new AvroStringCache(capacity: 16);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 1_000; i++)
            {
                var text = $"client-{i}";
                Assert.True(cache.TryGetString(Encoding.UTF8.GetBytes(text), out var value));
                Assert.Equal(text, value);
            }
        }
    }

    [Fact]
    public void TryGetString_KeysOutgrowTheirFirstBuffer_EarlierValuesStillFound()
    {
        var cache = new AvroStringCache();
        var first = new string?[100];
        for (var i = 0; i < first.Length; i++)
        {
            Assert.True(cache.TryGetString(Encoding.UTF8.GetBytes($"{i:D3}{new string('k', 400)}"), out first[i]));
        }

        for (var i = 0; i < first.Length; i++)
        {
            Assert.True(cache.TryGetString(Encoding.UTF8.GetBytes($"{i:D3}{new string('k', 400)}"), out var again));
            Assert.Same(first[i], again);
        }
    }

    [Fact]
    public void TryGetString_SameBytesAsPreviousValueAfterRestart_DecodedAgainCorrectly()
    {
        var cache = new AvroStringCache(capacity: 2);

        Assert.True(cache.TryGetString("aa"u8, out _));
        Assert.True(cache.TryGetString("bb"u8, out _));
        Assert.True(cache.TryGetString("cc"u8, out var third));
        Assert.True(cache.TryGetString("dd"u8, out var fourth));
        Assert.True(cache.TryGetString("cc"u8, out var thirdAgain));

        Assert.Equal("dd", fourth);
        Assert.Equal("cc", third);
        Assert.Same(third, thirdAgain);
    }

    [Fact]
    public void TryGetString_Slot_OnePerKeptInstance()
    {
        var cache = new AvroStringCache();

        Assert.True(cache.TryGetString("https://x/a"u8, out var a, out var slotA));
        Assert.True(cache.TryGetString("https://x/b"u8, out _, out var slotB));
        Assert.True(cache.TryGetString("https://x/b"u8, out _, out var slotBAgain));
        Assert.True(cache.TryGetString("https://x/a"u8, out var again, out var slotAAgain));

        Assert.Same(a, again);
        Assert.Equal((slotA, slotB), (slotAAgain, slotBAgain));
        Assert.NotEqual(slotA, slotB);
        Assert.InRange(slotA, 0, cache.SlotCount - 1);
        Assert.InRange(slotB, 0, cache.SlotCount - 1);
    }

    [Fact]
    public void TryGetString_WhileBypassed_ABurstOfOneValueIsOneInstance_WithoutASlot()
    {
        // Nine distinct values fill a table of eight with no hit: the next values bypass it.
        var cache = new AvroStringCache(capacity: 8);
        for (var i = 0; i < 9; i++)
        {
            Assert.True(cache.TryGetString(Encoding.UTF8.GetBytes($"client-{i}"), out _));
        }

        Assert.True(cache.TryGetString("client-x"u8, out var first, out var slot));
        Assert.True(cache.TryGetString("client-x"u8, out var second, out var slotAgain));
        Assert.True(cache.TryGetString("client-y"u8, out var other, out _));

        Assert.Same(first, second);
        Assert.Equal((-1, -1), (slot, slotAgain));
        Assert.Equal(("client-x", "client-y"), (first, other));
    }

    [Fact]
    public void TryGetString_LongAndEmptyValues_Decoded()
    {
        var cache = new AvroStringCache();
        var longText = new string('u', 5_000);

        Assert.True(cache.TryGetString(Encoding.UTF8.GetBytes(longText), out var value));
        Assert.True(cache.TryGetString([], out var empty));

        Assert.Equal(longText, value);
        Assert.Same(string.Empty, empty);
    }
}
