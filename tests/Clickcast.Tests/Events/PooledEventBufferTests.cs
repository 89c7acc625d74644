using System.Globalization;
using Clickcast.Events;

namespace Clickcast.Tests.Events;

public sealed class PooledEventBufferTests
{
    [Theory]
    [InlineData(1024, 100, 2048)]
    [InlineData(1024, 1024, 4096)]
    [InlineData(4096, 3000, 1024 * 4)]
    public void Resize_KeepsTheEventsInOrder(int capacity, int count, int resized)
    {
        using var buffer = new PooledEventBuffer(capacity);
        var events = Enumerable.Range(0, count).Select(Event).ToList();
        foreach (var click in events)
        {
            buffer.Add(click);
        }

        buffer.Resize(resized);

        Assert.True(buffer.Capacity >= resized);
        Assert.Equal(events, Enumerable.Range(0, buffer.Count).Select(i => new ClickEvent(buffer.ClientIds[i], buffer.TimestampsMicros[i], buffer.Urls[i], buffer.EventTypes[i])));
    }

    [Fact]
    public void Resize_BelowTheEventsHeld_Throws()
    {
        using var buffer = new PooledEventBuffer(16);
        buffer.Add(Event(0));
        buffer.Add(Event(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Resize(1));
    }

    [Fact]
    public void Clear_ForgetsTheEventsAndTheirStrings()
    {
        using var buffer = new PooledEventBuffer(16);
        buffer.Add(Event(0));
        buffer.Add(Event(1));

        buffer.Clear();

        Assert.Equal(0, buffer.Count);
        Assert.All(buffer.ClientIds.Take(2), Assert.Null);
        Assert.All(buffer.Urls.Take(2), Assert.Null);
        Assert.All(buffer.EventTypes.Take(2), Assert.Null);
    }

    private static ClickEvent Event(int i) =>
        new("c" + i.ToString(CultureInfo.InvariantCulture), 1_700_000_000_000_000L + i, "example.com/" + i.ToString(CultureInfo.InvariantCulture), "view");
}
