using System.Text;
using Clickcast.Events;
using Clickcast.Ingestion.Sources;
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
    public void TryGetString_Outcome_AskedOncePerKeptValue_GivenWithEveryHit()
    {
        var asked = new List<string>();
        var cache = new AvroStringCache(capacity: 4, outcomes: url =>
        {
            asked.Add(url);
            return new UrlOutcome(url.EndsWith('b') ? string.Empty : url[8..], url.EndsWith('b') ? DropReason.Bot : DropReason.None);
        });

        Assert.True(cache.TryGetString("https://x/a"u8, out var a, out var outcomeA));
        Assert.True(cache.TryGetString("https://x/b"u8, out _, out var outcomeB));
        Assert.True(cache.TryGetString("https://x/b"u8, out _, out var outcomeBAgain));
        Assert.True(cache.TryGetString("https://x/a"u8, out var again, out var outcomeAAgain));

        Assert.Same(a, again);
        Assert.Equal(["https://x/a", "https://x/b"], asked);
        Assert.Equal((new UrlOutcome("x/a", DropReason.None), new UrlOutcome(string.Empty, DropReason.Bot)), (outcomeA, outcomeB));
        Assert.Equal((outcomeA, outcomeB), (outcomeAAgain, outcomeBAgain));

        // Past its capacity the table starts over: a value taken in again is asked again, and answered as before.
        for (var i = 0; i < 4; i++)
        {
            Assert.True(cache.TryGetString(Encoding.UTF8.GetBytes($"https://x/{i}"), out _, out _));
        }

        Assert.True(cache.TryGetString("https://x/b"u8, out _, out var outcomeBLater));
        Assert.Equal(outcomeB, outcomeBLater);
        Assert.Equal(3, asked.Count(u => u is "https://x/a" or "https://x/b"));
    }

    [Fact]
    public void TryGetString_WithoutOutcomes_NoneKnown()
    {
        var cache = new AvroStringCache();

        Assert.True(cache.TryGetString("https://x/a"u8, out _, out var first));
        Assert.True(cache.TryGetString("https://x/b"u8, out _, out _));
        Assert.True(cache.TryGetString("https://x/a"u8, out _, out var hit));

        Assert.False(first.IsKnown);
        Assert.False(hit.IsKnown);
    }

    [Fact]
    public void TryGetString_WhileBypassed_ABurstOfOneValueIsOneInstance_WithoutAnOutcome()
    {
        // Nine distinct values fill a table of eight with no hit: the next values bypass it.
        var cache = new AvroStringCache(capacity: 8, outcomes: static url => new UrlOutcome(url, DropReason.None));
        for (var i = 0; i < 9; i++)
        {
            Assert.True(cache.TryGetString(Encoding.UTF8.GetBytes($"client-{i}"), out _));
        }

        Assert.True(cache.TryGetString("client-x"u8, out var first, out var slot));
        Assert.True(cache.TryGetString("client-x"u8, out var second, out var slotAgain));
        Assert.True(cache.TryGetString("client-y"u8, out var other, out _));

        Assert.Same(first, second);
        Assert.Equal((false, false), (slot.IsKnown, slotAgain.IsKnown));
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
