namespace Clickcast.Sequences;

/// <summary>
/// The events of one client-hash range, held column-wise in memory, turned into client sequences in segment order.
/// Its size is bounded by <see cref="SequenceOptions.EventsPerRange"/>, which is what keeps building memory flat.
/// </summary>
internal sealed class RangeBuffer
{
    private ulong[] _hashes = new ulong[1024];
    private long[] _times = new long[1024];
    private string[] _clients = new string[1024];
    private string[] _urls = new string[1024];
    private string[] _types = new string[1024];

    public int Count { get; private set; }

    public void Add(ulong hash, string clientId, long timeMicros, string url, string eventType)
    {
        if (Count == _hashes.Length)
        {
            var size = _hashes.Length * 2;
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _times, size);
            Array.Resize(ref _clients, size);
            Array.Resize(ref _urls, size);
            Array.Resize(ref _types, size);
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
            var size = Math.Max(needed, _hashes.Length * 2);
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _times, size);
            Array.Resize(ref _clients, size);
            Array.Resize(ref _urls, size);
            Array.Resize(ref _types, size);
        }

        Array.Copy(other._hashes, 0, _hashes, Count, other.Count);
        Array.Copy(other._times, 0, _times, Count, other.Count);
        Array.Copy(other._clients, 0, _clients, Count, other.Count);
        Array.Copy(other._urls, 0, _urls, Count, other.Count);
        Array.Copy(other._types, 0, _types, Count, other.Count);
        Count = needed;
    }

    /// <summary>Sorts the events and yields one capped sequence per client, in (hash, id) order.</summary>
    public IEnumerable<ClientSequence> ToSequences(int maxEvents, long generation)
    {
        var count = Count;
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        // A primitive-key sort by hash does most of the work; only runs sharing a hash (one client, or a rare
        // collision) need the full comparison.
        var keys = _hashes.AsSpan(0, count).ToArray();
        Array.Sort(keys, order);
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
                Array.Sort(order, start, end - start, comparer);
            }

            // Split the run by client id (a hash collision puts two clients in one run).
            var clientStart = start;
            while (clientStart < end)
            {
                var client = _clients[order[clientStart]];
                var clientEnd = clientStart + 1;
                while (clientEnd < end && string.Equals(_clients[order[clientEnd]], client, StringComparison.Ordinal))
                {
                    clientEnd++;
                }

                yield return Build(order, clientStart, clientEnd, maxEvents, generation);
                clientStart = clientEnd;
            }

            start = end;
        }
    }

    private ClientSequence Build(int[] order, int start, int end, int maxEvents, long generation)
    {
        var total = end - start;
        var keep = Math.Min(total, maxEvents);
        var from = end - keep;
        var urls = new string[keep];
        var times = new long[keep];
        var types = new string[keep];
        for (var k = 0; k < keep; k++)
        {
            var e = order[from + k];
            urls[k] = _urls[e];
            times[k] = _times[e];
            types[k] = _types[e];
        }

        var first = order[start];
        var last = order[end - 1];
        return new ClientSequence(_clients[first], _hashes[first], urls, times, types, _times[first], _times[last], total, generation);
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
