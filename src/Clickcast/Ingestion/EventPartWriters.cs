using System.Buffers;
using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>
/// The events files one source file is written to, one or more parts per period (day) and shard, with bounded memory: at
/// most <c>maxOpen</c> files are open, the least recently used is closed when another is needed (its period
/// continues in a new part if it comes back), and the source file's events wait in one pooled columnar buffer shared
/// by all its files, within an <see cref="EventBufferBudget"/>. When the budget is reached, each open file gets its
/// buffered events as one row group (in the order they came), and the buffer starts over.
/// </summary>
/// <remarks>
/// One buffer instead of one per file: a sharded tenant's day feeds every shard's file in turn, and buffers of their
/// own grew, were written early and shrank again under the shared budget, over and over (docs/benchmarks.md, "Ingest CPU
/// against avsc").
/// </remarks>
internal sealed partial class EventPartWriters : IAsyncDisposable
{
    private readonly string _tenant;
    private readonly string _folder;
    private readonly int _maxOpen;
    private readonly EventBufferBudget _budget;
    private readonly IngestHeap? _heap;
    private readonly long _heapBudget;
    private readonly Dictionary<(string Period, int Shard), Part> _open = [];
    private readonly Dictionary<(string Period, int Shard), int> _partsPerFolder = [];
    private readonly List<EventPart> _closed = [];
    private readonly List<Part?> _slots = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly PooledEventBuffer _pending = new(EventFileWriter.InitialCapacity);
    private int[] _slotOfRow;
    private string? _shardsPeriod;
    private Part?[] _shardParts = [];
    private long _clock;
    private long _chars;
    private int _files;
    private bool _disposed;

    /// <param name="tenant">The tenant written into every file.</param>
    /// <param name="folder">A private temporary folder for the files.</param>
    /// <param name="maxOpen">Files open at once.</param>
    /// <param name="budget">Events and characters buffered across all open files (<see cref="EventBufferBudget.Default"/> when null).</param>
    /// <param name="heap">The heap kept within the buffers' bound after each row group (none when null).</param>
    /// <param name="filesAtOnce">Source files written at once in this process, each with such a buffer: the heap budget
    /// is their bound together.</param>
    public EventPartWriters(string tenant, string folder, int maxOpen, EventBufferBudget? budget = null, IngestHeap? heap = null, int filesAtOnce = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(filesAtOnce, 1);
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOpen, 1);
        _budget = budget ?? EventBufferBudget.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_budget.Events, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_budget.Chars, 1);
        _tenant = tenant;
        _folder = folder;
        _maxOpen = maxOpen;
        _heap = heap;
        _heapBudget = filesAtOnce * _budget.HeapBytes;
        _slotOfRow = ArrayPool<int>.Shared.Rent(_pending.Capacity);
        PeakCapacity = _pending.Capacity;
    }

    /// <summary>Most files open at the same time so far.</summary>
    public int PeakOpen { get; private set; }

    /// <summary>Most events the shared buffer could hold so far (its capacity): what buffering cost in memory.</summary>
    public long PeakCapacity { get; private set; }

    /// <summary>Collections asked of <see cref="IngestHeap"/> so far.</summary>
    public int HeapCollections { get; private set; }

    /// <summary>Files opened so far (closed or not).</summary>
    public int FilesCreated => _files;

    /// <summary>Adds one event to the current part of <paramref name="period"/> (a partition key such as <c>date=2026-11-25</c>).</summary>
    public ValueTask AddAsync(string period, ClickEvent click, CancellationToken cancellationToken) => AddAsync(period, 0, click, cancellationToken);

    /// <summary>Adds one event to the current part of <paramref name="period"/> and client-hash <paramref name="shard"/>.</summary>
    public ValueTask AddAsync(string period, int shard, ClickEvent click, CancellationToken cancellationToken)
    {
        // The open part of the period just seen is found by the period's instance and the shard, with no hashing: a
        // sharded day's rows change shard at nearly every row.
        if (ReferenceEquals(period, _shardsPeriod) && (uint)shard < (uint)_shardParts.Length && _shardParts[shard] is { } part)
        {
            Buffer(part, click);
            return _budget.IsReached(_pending.Count, _chars) ? WritePendingAsync(cancellationToken) : ValueTask.CompletedTask;
        }

        return AddToOtherPartAsync(period, shard, click, cancellationToken);
    }

    /// <summary>Closes every file and returns all parts, ordered by period, shard and part number.</summary>
    public async Task<IReadOnlyList<EventPart>> CompleteAsync(CancellationToken cancellationToken)
    {
        await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        foreach (var part in _open.Values.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await CloseAsync(part, cancellationToken).ConfigureAwait(false);
        }

        return [.. _closed.OrderBy(p => p.Period, StringComparer.Ordinal).ThenBy(p => p.Shard).ThenBy(p => p.Number)];
    }

    /// <summary>Closes whatever is still open (after a failure, unwritten events dropped); the files are left for the caller's folder cleanup.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pending.Dispose();
        ArrayPool<int>.Shared.Return(_slotOfRow);
        _slotOfRow = [];
        foreach (var part in _open.Values.ToList())
        {
            _open.Remove((part.Period, part.Shard));
            await part.Writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask AddToOtherPartAsync(string period, int shard, ClickEvent click, CancellationToken cancellationToken)
    {
        var part = await OpenAsync(period, shard, cancellationToken).ConfigureAwait(false);
        Buffer(part, click);
        if (_budget.IsReached(_pending.Count, _chars))
        {
            await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Buffer(Part part, in ClickEvent click)
    {
        part.LastUse = ++_clock;
        if (_pending.IsFull)
        {
            Grow();
        }

        _slotOfRow[_pending.Count] = part.Slot;
        _pending.Add(click);
        part.Buffered++;
        _chars += click.ClientId.Length + click.Url.Length + click.EventType.Length;
    }

    /// <summary>Writes the buffered events, each file's as one row group in their order, and empties the buffer.</summary>
    private async ValueTask WritePendingAsync(CancellationToken cancellationToken)
    {
        var count = _pending.Count;
        if (count == 0)
        {
            return;
        }

        // A stable counting sort of the buffered rows by file: each file's rows, in arrival order, side by side.
        var starts = new int[_slots.Count + 1];
        for (var i = 0; i < count; i++)
        {
            starts[_slotOfRow[i] + 1]++;
        }

        for (var s = 0; s < _slots.Count; s++)
        {
            starts[s + 1] += starts[s];
        }

        var order = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var next = starts[..^1];
            for (var i = 0; i < count; i++)
            {
                order[next[_slotOfRow[i]]++] = i;
            }

            for (var s = 0; s < _slots.Count; s++)
            {
                if (starts[s + 1] > starts[s])
                {
                    await _slots[s]!.Writer.WriteRowsAsync(_pending.Columns, order.AsMemory(starts[s], starts[s + 1] - starts[s]), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
        }

        _pending.Clear();
        _chars = 0;
        foreach (var part in _open.Values)
        {
            part.Buffered = 0;
        }

        // The row group just written is garbage now, promoted with its strings: the moment a collection frees most.
        if (_heap?.CollectIfOver(_heapBudget) == true)
        {
            HeapCollections++;
        }
    }

    /// <summary>Doubles the buffer, up to the budget's events.</summary>
    private void Grow()
    {
        var capacity = (int)Math.Min(_budget.Events, 2L * _pending.Capacity);
        _pending.Resize(capacity);
        var slots = ArrayPool<int>.Shared.Rent(_pending.Capacity);
        Array.Copy(_slotOfRow, slots, _pending.Count);
        ArrayPool<int>.Shared.Return(_slotOfRow);
        _slotOfRow = slots;
        PeakCapacity = Math.Max(PeakCapacity, _pending.Capacity);
    }
}
