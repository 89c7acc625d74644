using System.Globalization;
using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>Opening, finding and closing the (period, shard) files.</summary>
internal sealed partial class EventPartWriters
{
    /// <summary>The open part of (<paramref name="period"/>, <paramref name="shard"/>), opened if need be, remembered as the period's.</summary>
    private async ValueTask<Part> OpenAsync(string period, int shard, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        var part = await FindOrCreateAsync(period, shard, cancellationToken).ConfigureAwait(false);
        if (!ReferenceEquals(period, _shardsPeriod))
        {
            _shardsPeriod = period;
            Array.Clear(_shardParts);
        }

        if (shard >= _shardParts.Length)
        {
            Array.Resize(ref _shardParts, Math.Max(shard + 1, _shardParts.Length * 2));
        }

        _shardParts[shard] = part;
        return part;
    }

    private async ValueTask<Part> FindOrCreateAsync(string period, int shard, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue((period, shard), out var open))
        {
            return open;
        }

        if (_open.Count >= _maxOpen)
        {
            var oldest = _open.Values.MinBy(p => p.LastUse)!;
            await CloseAsync(oldest, cancellationToken).ConfigureAwait(false);
        }

        var number = _partsPerFolder.GetValueOrDefault((period, shard));
        _partsPerFolder[(period, shard)] = number + 1;
        var path = Path.Combine(_folder, _files.ToString(CultureInfo.InvariantCulture) + ".parquet");
        var writer = await EventFileWriter.CreateAsync(_tenant, path, cancellationToken).ConfigureAwait(false);
        _files++;
        var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _slots.Count;
        var part = new Part(period, shard, number, path, writer, slot);
        if (slot == _slots.Count)
        {
            _slots.Add(part);
        }
        else
        {
            _slots[slot] = part;
        }

        _open.Add((period, shard), part);
        PeakOpen = Math.Max(PeakOpen, _open.Count);
        return part;
    }

    /// <summary>Closes a file; events still buffered for it are written first (with every other file's, so the buffer is empty and its slot free).</summary>
    private async ValueTask CloseAsync(Part part, CancellationToken cancellationToken)
    {
        if (part.Buffered > 0)
        {
            await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        }

        _open.Remove((part.Period, part.Shard));
        if (part.Shard < _shardParts.Length && ReferenceEquals(_shardParts[part.Shard], part))
        {
            _shardParts[part.Shard] = null;
        }

        _slots[part.Slot] = null;
        _freeSlots.Push(part.Slot);
        await part.Writer.DisposeAsync().ConfigureAwait(false);
        _closed.Add(new EventPart(part.Period, part.Shard, part.Number, part.Path));
    }

    private sealed class Part(string period, int shard, int number, string path, EventFileWriter writer, int slot)
    {
        public string Period { get; } = period;

        public int Shard { get; } = shard;

        public int Number { get; } = number;

        public string Path { get; } = path;

        public EventFileWriter Writer { get; } = writer;

        /// <summary>This file's index in the shared buffer's slot column.</summary>
        public int Slot { get; } = slot;

        public long LastUse { get; set; }

        /// <summary>Events of this file in the shared buffer.</summary>
        public int Buffered { get; set; }
    }
}
