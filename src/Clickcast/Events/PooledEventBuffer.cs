namespace Clickcast.Events;

/// <summary>
/// Pending events in arrays rented from the shared pools: an events file writer's own buffer, and the one buffer an
/// ingest's source file shares among its (day, shard) files. A buffer grows by doubling and is dropped when its file
/// (or source file) is done, so fresh arrays meant large-object garbage per file and a full collection every few
/// files. Rented arrays go back to the pool on growth, shrink and disposal, and the next buffer takes them.
/// </summary>
internal sealed class PooledEventBuffer : IDisposable
{
    private EventColumns _columns;

    public PooledEventBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _columns = EventColumns.Rent(capacity);
    }

    /// <summary>The columns themselves; the first <see cref="Count"/> events are in use.</summary>
    public EventColumns Columns => _columns;

    public string[] ClientIds => _columns.ClientIds;

    public long[] TimestampsMicros => _columns.TimestampsMicros;

    public string[] Urls => _columns.Urls;

    public string[] EventTypes => _columns.EventTypes;

    public int Count { get; private set; }

    /// <summary>Events held without growing (the smallest of the rented arrays).</summary>
    public int Capacity => _columns.Length;

    public bool IsFull => Count == Capacity;

    public void Add(in ClickEvent click) => _columns.Set(Count++, click);

    /// <summary>Moves the events into arrays of at least <paramref name="capacity"/>; the old arrays go back to the pool.</summary>
    public void Resize(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, Count);
        var rented = EventColumns.Rent(capacity);
        _columns.CopyTo(rented, Count);
        _columns.ClearText(Count);
        _columns.Return();
        _columns = rented;
    }

    /// <summary>Forgets the events (their strings too, so the pool keeps no text alive).</summary>
    public void Clear()
    {
        _columns.ClearText(Count);
        Count = 0;
    }

    public void Dispose()
    {
        Clear();
        _columns.Return();
        _columns = EventColumns.Empty;
    }
}
