using System.Buffers;

namespace Clickcast.Events;

/// <summary>
/// The four index-aligned columns events are held in: the one place that knows how an event maps to them, for
/// <see cref="EventBatch"/> (fresh arrays) and <see cref="PooledEventBuffer"/> (arrays rented from the shared pools).
/// </summary>
internal readonly record struct EventColumns(string[] ClientIds, long[] TimestampsMicros, string[] Urls, string[] EventTypes)
{
    public static EventColumns Empty { get; } = new([], [], [], []);

    /// <summary>Events the columns hold (the shortest column: rented arrays may differ in length).</summary>
    public int Length => Math.Min(Math.Min(ClientIds.Length, Urls.Length), Math.Min(TimestampsMicros.Length, EventTypes.Length));

    public static EventColumns Allocate(int capacity) =>
        new(new string[capacity], new long[capacity], new string[capacity], new string[capacity]);

    public static EventColumns Rent(int capacity) =>
        new(ArrayPool<string>.Shared.Rent(capacity), ArrayPool<long>.Shared.Rent(capacity), ArrayPool<string>.Shared.Rent(capacity), ArrayPool<string>.Shared.Rent(capacity));

    public ClickEvent this[int index] => new(ClientIds[index], TimestampsMicros[index], Urls[index], EventTypes[index]);

    public void Set(int index, in ClickEvent click)
    {
        ClientIds[index] = click.ClientId;
        TimestampsMicros[index] = click.TimestampMicros;
        Urls[index] = click.Url;
        EventTypes[index] = click.EventType;
    }

    /// <summary>Copies the first <paramref name="count"/> events into <paramref name="target"/>.</summary>
    public void CopyTo(EventColumns target, int count)
    {
        Array.Copy(ClientIds, target.ClientIds, count);
        Array.Copy(TimestampsMicros, target.TimestampsMicros, count);
        Array.Copy(Urls, target.Urls, count);
        Array.Copy(EventTypes, target.EventTypes, count);
    }

    /// <summary>Drops the first <paramref name="count"/> events' strings, so that the arrays keep no text alive.</summary>
    public void ClearText(int count)
    {
        Array.Clear(ClientIds, 0, count);
        Array.Clear(Urls, 0, count);
        Array.Clear(EventTypes, 0, count);
    }

    /// <summary>Gives rented arrays back to the shared pools; the caller cleared what it used.</summary>
    public void Return()
    {
        ArrayPool<string>.Shared.Return(ClientIds);
        ArrayPool<long>.Shared.Return(TimestampsMicros);
        ArrayPool<string>.Shared.Return(Urls);
        ArrayPool<string>.Shared.Return(EventTypes);
    }
}
