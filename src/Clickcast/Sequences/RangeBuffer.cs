namespace Clickcast.Sequences;

/// <summary>
/// The events of one client-hash range, held column-wise in memory, turned into client sequences in segment order.
/// Its size is bounded by <see cref="SequenceOptions.EventsPerRange"/>, which is what keeps building memory flat.
/// </summary>
internal sealed partial class RangeBuffer
{
    private ulong[] _hashes;
    private long[] _times;
    private string[] _clients;
    private string[] _urls;
    private string[] _types;

    /// <param name="capacity">Events it holds before its arrays grow (<see cref="InitialCapacity"/>).</param>
    public RangeBuffer(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _hashes = new ulong[capacity];
        _times = new long[capacity];
        _clients = new string[capacity];
        _urls = new string[capacity];
        _types = new string[capacity];
    }

    public int Count { get; private set; }

    /// <summary>Events the arrays hold before they grow.</summary>
    public int Capacity => _hashes.Length;

    /// <summary>
    /// The capacity each of one reading worker's <paramref name="ranges"/> buffers starts with when the worker's
    /// share of <paramref name="events"/> (known from the files' footers) is routed into them: that share with 1/32
    /// room for an uneven hash split. Growing from small instead doubles the arrays ~11 times for a million events,
    /// leaving as much large-object garbage as the buffer itself and up to twice the room it needs.
    /// </summary>
    public static int InitialCapacity(long events, int ranges, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ranges);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var share = events / ranges / workers;
        return (int)Math.Min(Array.MaxLength, share + (share / 32) + 1024);
    }

    /// <summary>Makes room for <paramref name="capacity"/> events in all, so loading a range grows no array.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity <= _hashes.Length)
        {
            return;
        }

        capacity = ScratchGrowth.Capacity(_hashes.Length, capacity);
        if (Count > 0)
        {
            Resize(capacity);
            return;
        }

        // Empty: fresh arrays, without copying the old ones' stale contents over.
        _hashes = new ulong[capacity];
        _times = new long[capacity];
        _clients = new string[capacity];
        _urls = new string[capacity];
        _types = new string[capacity];
    }

    /// <summary>Drops the events and keeps the arrays for the next range.</summary>
    public void Clear()
    {
        // The strings are pooled and outlive the buffer anyway; clearing only stops a reused buffer from
        // keeping a previous range's strings reachable.
        Array.Clear(_clients, 0, Count);
        Array.Clear(_urls, 0, Count);
        Array.Clear(_types, 0, Count);
        Count = 0;
    }

    private void Resize(int size)
    {
        Array.Resize(ref _hashes, size);
        Array.Resize(ref _times, size);
        Array.Resize(ref _clients, size);
        Array.Resize(ref _urls, size);
        Array.Resize(ref _types, size);
    }

    public void Add(ulong hash, string clientId, long timeMicros, string url, string eventType)
    {
        if (Count == _hashes.Length)
        {
            Resize(_hashes.Length * 2);
        }

        _hashes[Count] = hash;
        _times[Count] = timeMicros;
        _clients[Count] = clientId;
        _urls[Count] = url;
        _types[Count] = eventType;
        Count++;
    }

    /// <summary>Appends every event of <paramref name="other"/>.</summary>
    public void AddAll(RangeBuffer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var needed = Count + other.Count;
        if (needed > _hashes.Length)
        {
            Resize(Math.Max(needed, _hashes.Length * 2));
        }

        Array.Copy(other._hashes, 0, _hashes, Count, other.Count);
        Array.Copy(other._times, 0, _times, Count, other.Count);
        Array.Copy(other._clients, 0, _clients, Count, other.Count);
        Array.Copy(other._urls, 0, _urls, Count, other.Count);
        Array.Copy(other._types, 0, _types, Count, other.Count);
        Count = needed;
    }

    /// <summary>
    /// Sorts the events and writes one capped row per client, in (hash, id) order, to <paramref name="writer"/>. The
    /// rows point into this buffer's columns (no per-client arrays), so the buffer must not change until the writer
    /// has been disposed.
    /// </summary>
    public async Task WriteAsync(SegmentWriter writer, int maxEvents, long generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        var clients = Sort();
        var order = _order;
        var start = 0;
        for (var c = 0; c < clients; c++)
        {
            var end = _clientEnds[c];
            var total = end - start;
            var keep = Math.Min(total, maxEvents);
            var first = order[start];
            var last = order[end - 1];
            var row = new SegmentRow(_hashes[first], _clients[first], _times[first], _times[last], total, generation);
            await writer.AddAsync(row, new SegmentEvents(_times, _urls, _types, order, end - keep, keep), cancellationToken).ConfigureAwait(false);
            start = end;
        }
    }
}
