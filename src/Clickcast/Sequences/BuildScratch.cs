using System.Collections.Concurrent;
using Clickcast.Events;

namespace Clickcast.Sequences;

/// <summary>
/// The large arrays of one update, handed from range to range and from shard to shard: range buffers (with their
/// sort scratch), event-reading buffers and segment column buffers. A sharded update in one process builds every shard with the same few
/// sets instead of allocating them per shard: fresh arrays per shard were most of the large-object garbage, and each
/// full collection it forced stopped both building threads. Holds at most what the update's parallel builds hold at
/// once; it lives as long as the update.
/// </summary>
internal sealed class BuildScratch
{
    private readonly ConcurrentBag<RangeBuffer> _buffers = [];
    private readonly ConcurrentBag<EventFileReader.Buffers> _reading = [];
    private readonly ConcurrentBag<SegmentColumns> _columns = [];

    /// <summary>An empty range buffer with room for <paramref name="capacity"/> events.</summary>
    public RangeBuffer RentBuffer(int capacity)
    {
        if (!_buffers.TryTake(out var buffer))
        {
            return new RangeBuffer(capacity);
        }

        buffer.EnsureCapacity(capacity);
        return buffer;
    }

    /// <summary>Gives a buffer back, emptied, for the next range or shard.</summary>
    public void Return(RangeBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.Clear();
        _buffers.Add(buffer);
    }

    public EventFileReader.Buffers RentReading() => _reading.TryTake(out var reading) ? reading : new EventFileReader.Buffers();

    public void Return(EventFileReader.Buffers reading) => _reading.Add(reading);

    public SegmentColumns RentColumns() => _columns.TryTake(out var columns) ? columns : new SegmentColumns();

    public void Return(SegmentColumns columns) => _columns.Add(columns);
}
