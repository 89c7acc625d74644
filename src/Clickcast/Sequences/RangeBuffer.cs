namespace Clickcast.Sequences;

/// <summary>
/// The events of one client-hash range, held column-wise in memory, turned into client sequences in segment order.
/// Its size is bounded by <see cref="SequenceOptions.EventsPerRange"/>, which is what keeps building memory flat.
/// </summary>
internal sealed class RangeBuffer
{
    private ulong[] _hashes;
    private long[] _times;
    private string[] _clients;
    private string[] _urls;
    private string[] _types;

    // Sort scratch, kept between ranges like the columns: a range of a million events would otherwise leave
    // ~60 MB of large-object garbage behind, which on two cores cost more in collections than the sort itself.
    private int[] _order = [];
    private ulong[] _keys = [];
    private long[] _timeKeys = [];

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
        Sort();
        var order = _order;
        var start = 0;
        while (start < Count)
        {
            var end = ClientEnd(start);
            var total = end - start;
            var keep = Math.Min(total, maxEvents);
            var first = order[start];
            var last = order[end - 1];
            var row = new SegmentRow(_hashes[first], _clients[first], _times[first], _times[last], total, generation);
            await writer.AddAsync(row, new SegmentEvents(_times, _urls, _types, order, end - keep, keep), cancellationToken).ConfigureAwait(false);
            start = end;
        }
    }

    /// <summary>Orders the events by (hash, client, time, URL, type) in the order array.</summary>
    private void Sort()
    {
        var count = Count;
        if (_order.Length < count)
        {
            _order = new int[_hashes.Length];
            _keys = new ulong[_hashes.Length];
            _timeKeys = new long[_hashes.Length];
        }

        var order = _order;
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        // A primitive-key sort by hash does most of the work; only runs sharing a hash (one client, or a rare
        // collision) need more.
        var keys = _keys;
        Array.Copy(_hashes, keys, count);
        Array.Sort(keys, order, 0, count);
        var comparer = new EventComparer(this);
        var start = 0;
        while (start < count)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                SortRun(order, start, end, comparer);
            }

            start = end;
        }
    }

    /// <summary>The end of the sorted client whose events start at <paramref name="start"/>: a hash run split by client id (a collision puts two clients in one run).</summary>
    private int ClientEnd(int start)
    {
        var keys = _keys;
        var order = _order;
        var key = keys[start];
        var client = _clients[order[start]];
        var end = start + 1;
        while (end < Count && keys[end] == key && string.Equals(_clients[order[end]], client, StringComparison.Ordinal))
        {
            end++;
        }

        return end;
    }

    /// <summary>Sorts the events of one hash run by (client, time, URL, type).</summary>
    /// <remarks>
    /// A run is nearly always one client, whose events only need ordering by time: a primitive-key sort does that
    /// without a comparer call per comparison (which cost more than the rest of the build). Events at the same
    /// microsecond, and runs of two clients that share a hash, get the full comparison.
    /// </remarks>
    private void SortRun(int[] order, int start, int end, EventComparer comparer)
    {
        var client = _clients[order[start]];
        for (var i = start + 1; i < end; i++)
        {
            if (!string.Equals(_clients[order[i]], client, StringComparison.Ordinal))
            {
                Array.Sort(order, start, end - start, comparer);
                return;
            }
        }

        var times = _timeKeys;
        for (var i = start; i < end; i++)
        {
            times[i] = _times[order[i]];
        }

        Array.Sort(times, order, start, end - start);
        var tie = start;
        for (var i = start + 1; i <= end; i++)
        {
            if (i == end || times[i] != times[tie])
            {
                if (i - tie > 1)
                {
                    Array.Sort(order, tie, i - tie, comparer);
                }

                tie = i;
            }
        }
    }

    private sealed class EventComparer(RangeBuffer buffer) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var byClient = string.CompareOrdinal(buffer._clients[x], buffer._clients[y]);
            return byClient != 0
                ? byClient
                : SequenceOrder.CompareEvents(buffer._times[x], buffer._urls[x], buffer._types[x], buffer._times[y], buffer._urls[y], buffer._types[y]);
        }
    }
}
