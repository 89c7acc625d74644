using Clickcast.Events;

namespace Clickcast.Sequences;

/// <summary>
/// The events of one client-hash range, held column-wise in memory, turned into client sequences in segment order.
/// Its size is bounded by <see cref="SequenceOptions.EventsPerRange"/>, which is what keeps building memory flat.
/// </summary>
/// <remarks>
/// Client ids, URLs and types are held as indexes (<see cref="RangeStrings"/>): into the string table the buffer is
/// written with (the reading pools' strings), or, negative, into the strings the buffer holds itself.
/// </remarks>
internal sealed partial class RangeBuffer
{
    private ulong[] _hashes;
    private long[] _times;
    private int[] _clients;
    private int[] _urls;
    private int[] _types;
    private readonly List<string> _local = [];

    /// <param name="capacity">Events it holds before its arrays grow (<see cref="InitialCapacity"/>).</param>
    public RangeBuffer(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _hashes = new ulong[capacity];
        _times = new long[capacity];
        _clients = new int[capacity];
        _urls = new int[capacity];
        _types = new int[capacity];
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
        _clients = new int[capacity];
        _urls = new int[capacity];
        _types = new int[capacity];
    }

    /// <summary>Drops the events and the strings the buffer held, and keeps the arrays for the next range.</summary>
    public void Clear()
    {
        _local.Clear();
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

    /// <summary>Appends an event whose strings are given as indexes (<see cref="RangeStrings"/>).</summary>
    public void Add(ulong hash, long timeMicros, int client, int url, int eventType)
    {
        if (Count == _hashes.Length)
        {
            Resize(_hashes.Length * 2);
        }

        _hashes[Count] = hash;
        _times[Count] = timeMicros;
        _clients[Count] = client;
        _urls[Count] = url;
        _types[Count] = eventType;
        Count++;
    }

    /// <summary>Appends an event whose strings the buffer holds itself.</summary>
    public void Add(ulong hash, string clientId, long timeMicros, string url, string eventType) =>
        Add(hash, timeMicros, Local(clientId), Local(url), Local(eventType));

    /// <summary>
    /// Appends event <paramref name="i"/> of a batch read with indexes (<see cref="EventFileReader.ReadIndexedAsync"/>):
    /// pooled strings by their pool index, which is the buffer's table index when it is written with that pool's
    /// strings; the strings the pool did not keep are held by the buffer.
    /// </summary>
    public void Add(ulong hash, EventBatch batch, int i)
    {
        var client = batch.ClientIdIndexes[i];
        var url = batch.UrlIndexes[i];
        var type = batch.EventTypeIndexes[i];
        Add(
            hash,
            batch.TimestampsMicros[i],
            client == StringPool.NotPooled ? Local(batch.ClientIds[i]) : client,
            url == StringPool.NotPooled ? Local(batch.Urls[i]) : url,
            type == StringPool.NotPooled ? Local(batch.EventTypes[i]) : type);
    }

    /// <summary>The (negative) index of <paramref name="text"/> among the strings the buffer holds itself.</summary>
    public int Local(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // A string the pools did not keep repeats mostly within a run of one client's events: one entry per run.
        var last = _local.Count - 1;
        if (last >= 0 && ReferenceEquals(_local[last], text))
        {
            return ~last;
        }

        _local.Add(text);
        return ~(last + 1);
    }

    /// <summary>
    /// Appends every event of <paramref name="other"/>, whose table indexes are <paramref name="offset"/> lower than
    /// in the table this buffer is written with (<see cref="RangeStrings.Join"/>).
    /// </summary>
    public void AddAll(RangeBuffer other, int offset)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var needed = Count + other.Count;
        if (needed > _hashes.Length)
        {
            Resize(Math.Max(needed, _hashes.Length * 2));
        }

        Array.Copy(other._hashes, 0, _hashes, Count, other.Count);
        Array.Copy(other._times, 0, _times, Count, other.Count);

        // ~i + localBase as a local index is i - localBase.
        var localBase = _local.Count;
        _local.AddRange(other._local);
        Remap(other._clients, _clients);
        Remap(other._urls, _urls);
        Remap(other._types, _types);
        Count = needed;

        void Remap(int[] from, int[] to)
        {
            var target = to.AsSpan(Count, other.Count);
            var source = from.AsSpan(0, other.Count);
            for (var i = 0; i < source.Length; i++)
            {
                var index = source[i];
                target[i] = index >= 0 ? index + offset : index - localBase;
            }
        }
    }

    /// <summary>
    /// Sorts the events and writes one capped row per client, in (hash, id) order, to <paramref name="writer"/>. The
    /// rows point into this buffer's columns (no per-client arrays), so the buffer must not change until the writer
    /// has been disposed. <paramref name="table"/> holds the strings the events' non-negative indexes point at.
    /// </summary>
    public async Task WriteAsync(SegmentWriter writer, string[] table, int maxEvents, long generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        var strings = new RangeStrings(table, _local);
        var clients = Sort(strings);
        var order = _order;
        var start = 0;
        for (var c = 0; c < clients; c++)
        {
            var end = _clientEnds[c];
            var total = end - start;
            var keep = Math.Min(total, maxEvents);
            var first = order[start];
            var last = order[end - 1];
            var row = new SegmentRow(_hashes[first], strings[_clients[first]], _times[first], _times[last], total, generation);
            await writer.AddAsync(row, new SegmentEvents(_times, _urls, _types, strings, order, end - keep, keep), cancellationToken).ConfigureAwait(false);
            start = end;
        }
    }
}
