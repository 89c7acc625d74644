namespace Clickcast.Sequences;

internal sealed partial class RangeBuffer
{
    // Sort scratch, kept between ranges like the columns (a range of a million events would otherwise leave tens of
    // MB of large-object garbage behind): the events' sorted order; per run of arriving events that share a hash, its
    // hash and its (start, length); where each client ends in the order; one client's times.
    private int[] _order = [];
    private ulong[] _runKeys = [];
    private long[] _runs = [];
    private int[] _clientEnds = [];
    private long[] _timeKeys = [];

    /// <summary>
    /// Orders the events by (hash, client, time, URL, type) into <see cref="_order"/> and notes where each client
    /// ends there in <see cref="_clientEnds"/>; returns the number of clients.
    /// </summary>
    /// <remarks>
    /// An events file holds each client's events together, in time order, and a range's files are read in key
    /// (date) order: the events arrive as a few runs per client, not one item each. Sorting the runs by hash (a
    /// primitive-key sort over a fraction of the events) and putting each hash's runs back in arrival order leaves a
    /// client's events nearly always in time order already, so its sort is a check. Any arrival order sorts the
    /// same, only slower.
    /// </remarks>
    private int Sort(RangeStrings strings)
    {
        var count = Count;
        _order = Grown(_order, count);
        var runs = CollectRuns();
        Array.Sort(_runKeys, _runs, 0, runs);
        var order = _order;
        var comparer = new EventComparer(this, strings);
        var position = 0;
        var clients = 0;
        var group = 0;
        while (group < runs)
        {
            var key = _runKeys[group];
            var groupEnd = group + 1;
            while (groupEnd < runs && _runKeys[groupEnd] == key)
            {
                groupEnd++;
            }

            if (groupEnd - group > 1)
            {
                // (start, length) pairs sort by start: the hash's runs in arrival order.
                Array.Sort(_runs, group, groupEnd - group);
            }

            var start = position;
            for (var r = group; r < groupEnd; r++)
            {
                var from = (int)(_runs[r] >> 32);
                var length = (int)(_runs[r] & uint.MaxValue);
                for (var e = 0; e < length; e++)
                {
                    order[position++] = from + e;
                }
            }

            clients = SortHash(start, position, strings, comparer, clients);
            group = groupEnd;
        }

        return clients;
    }

    /// <summary>Fills the run scratch with the runs of consecutive events sharing a hash, in arrival order; returns their number.</summary>
    private int CollectRuns()
    {
        var hashes = _hashes;
        var count = Count;
        var runs = 0;
        for (var i = 0; i < count; i++)
        {
            if (i == 0 || hashes[i] != hashes[i - 1])
            {
                runs++;
            }
        }

        _runKeys = Grown(_runKeys, runs);
        _runs = Grown(_runs, runs);
        _clientEnds = Grown(_clientEnds, runs); // a client has at least one run, unless it shares one by a hash collision
        var run = -1;
        for (var i = 0; i < count; i++)
        {
            if (i == 0 || hashes[i] != hashes[i - 1])
            {
                run++;
                _runKeys[run] = hashes[i];
                _runs[run] = (long)i << 32;
            }

            _runs[run]++;
        }

        return runs;
    }

    /// <summary>Sorts the events of one hash, order[start..end), and notes its clients' ends; returns the clients noted so far.</summary>
    private int SortHash(int start, int end, RangeStrings strings, EventComparer comparer, int clients)
    {
        var order = _order;
        var client = _clients[order[start]];
        for (var i = start + 1; i < end; i++)
        {
            // An equal index is the same string; unequal ones may still be (one string in two pools).
            if (_clients[order[i]] != client && !string.Equals(strings[_clients[order[i]]], strings[client], StringComparison.Ordinal))
            {
                // Two clients sharing a hash (a rare collision): the full comparison, then one end per client.
                Array.Sort(order, start, end - start, comparer);
                for (var j = start + 1; j < end; j++)
                {
                    if (!string.Equals(strings[_clients[order[j]]], strings[_clients[order[j - 1]]], StringComparison.Ordinal))
                    {
                        clients = NoteClientEnd(clients, j);
                    }
                }

                return NoteClientEnd(clients, end);
            }
        }

        if (end - start > 1)
        {
            SortByTime(start, end, comparer);
        }

        return NoteClientEnd(clients, end);
    }

    private int NoteClientEnd(int clients, int end)
    {
        if (clients == _clientEnds.Length)
        {
            Array.Resize(ref _clientEnds, ScratchGrowth.Capacity(_clientEnds.Length, clients + 1));
        }

        _clientEnds[clients] = end;
        return clients + 1;
    }

    /// <summary>
    /// Sorts one client's events by time with a primitive-key sort (skipped when they are in order already); events
    /// at the same microsecond get the full comparison.
    /// </summary>
    private void SortByTime(int start, int end, EventComparer comparer)
    {
        var length = end - start;
        _timeKeys = Grown(_timeKeys, length);
        var times = _timeKeys.AsSpan(0, length);
        var order = _order;
        var sorted = true;
        for (var i = 0; i < length; i++)
        {
            times[i] = _times[order[start + i]];
            sorted &= i == 0 || times[i] >= times[i - 1];
        }

        if (!sorted)
        {
            times.Sort(order.AsSpan(start, length));
        }

        var tie = 0;
        for (var i = 1; i <= length; i++)
        {
            if (i == length || times[i] != times[tie])
            {
                if (i - tie > 1)
                {
                    Array.Sort(order, start + tie, i - tie, comparer);
                }

                tie = i;
            }
        }
    }

    private static T[] Grown<T>(T[] array, int needed) => needed <= array.Length ? array : new T[ScratchGrowth.Capacity(array.Length, needed)];

    private sealed class EventComparer(RangeBuffer buffer, RangeStrings strings) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var byClient = string.CompareOrdinal(strings[buffer._clients[x]], strings[buffer._clients[y]]);
            return byClient != 0
                ? byClient
                : SequenceOrder.CompareEvents(buffer._times[x], strings[buffer._urls[x]], strings[buffer._types[x]], buffer._times[y], strings[buffer._urls[y]], strings[buffer._types[y]]);
        }
    }
}
