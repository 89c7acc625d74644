using System.Buffers;

namespace Clickcast.Events;

/// <summary>
/// An events file writer's pending events, in arrays rented from the shared pools: a writer's buffer grows by
/// doubling and is dropped when its file closes, and an ingest opens a writer per (day, shard) of every source
/// file, so fresh arrays meant large-object garbage per file and a full collection every few files. Rented arrays
/// go back to the pool on growth, shrink and disposal, and the next writer takes them.
/// </summary>
internal sealed class PooledEventBuffer : IDisposable
{
    public PooledEventBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ClientIds = ArrayPool<string>.Shared.Rent(capacity);
        TimestampsMicros = ArrayPool<long>.Shared.Rent(capacity);
        Urls = ArrayPool<string>.Shared.Rent(capacity);
        EventTypes = ArrayPool<string>.Shared.Rent(capacity);
    }

    public string[] ClientIds { get; private set; }

    public long[] TimestampsMicros { get; private set; }

    public string[] Urls { get; private set; }

    public string[] EventTypes { get; private set; }

    public int Count { get; private set; }

    /// <summary>Events held without growing (the smallest of the rented arrays).</summary>
    public int Capacity => Math.Min(Math.Min(ClientIds.Length, Urls.Length), Math.Min(TimestampsMicros.Length, EventTypes.Length));

    public bool IsFull => Count == Capacity;

    public void Add(in ClickEvent click)
    {
        var i = Count++;
        ClientIds[i] = click.ClientId;
        TimestampsMicros[i] = click.TimestampMicros;
        Urls[i] = click.Url;
        EventTypes[i] = click.EventType;
    }

    /// <summary>Moves the events into arrays of at least <paramref name="capacity"/>; the old arrays go back to the pool.</summary>
    public void Resize(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, Count);
        ClientIds = Move(ClientIds, capacity, clear: true);
        TimestampsMicros = Move(TimestampsMicros, capacity, clear: false);
        Urls = Move(Urls, capacity, clear: true);
        EventTypes = Move(EventTypes, capacity, clear: true);
    }

    /// <summary>Forgets the events (their strings too, so the pool keeps no text alive).</summary>
    public void Clear()
    {
        Array.Clear(ClientIds, 0, Count);
        Array.Clear(Urls, 0, Count);
        Array.Clear(EventTypes, 0, Count);
        Count = 0;
    }

    public void Dispose()
    {
        Clear();
        ArrayPool<string>.Shared.Return(ClientIds);
        ArrayPool<long>.Shared.Return(TimestampsMicros);
        ArrayPool<string>.Shared.Return(Urls);
        ArrayPool<string>.Shared.Return(EventTypes);
        ClientIds = Urls = EventTypes = [];
        TimestampsMicros = [];
    }

    private T[] Move<T>(T[] old, int capacity, bool clear)
    {
        var rented = ArrayPool<T>.Shared.Rent(capacity);
        Array.Copy(old, rented, Count);
        ArrayPool<T>.Shared.Return(old, clearArray: clear);
        return rented;
    }
}
