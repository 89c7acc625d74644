namespace Clickcast.Labels;

/// <summary>
/// The observed chains of a dataset's examples in pooled buffers: per event a URL id and a type id (into one table of
/// the distinct strings) and a time, in chunks of <see cref="ChunkEvents"/> events that a chain never straddles. A
/// client's chain is then (chunk, offset, length) instead of three arrays of its own with a reference per event. A
/// chunk stores its events narrow when they fit, 8 bytes each: 16-bit ids while the table holds at most 65,536 strings,
/// and times as 32-bit whole milliseconds from the chunk's base (a span of ~49.7 days); otherwise wide, 16 bytes:
/// 32-bit ids, 64-bit microseconds (<see cref="EventChunk"/>). Either way a chain reads back exactly as it was added.
/// </summary>
internal sealed class ExampleChains
{
    /// <summary>Events per chunk (a longer chain gets a chunk of its own length).</summary>
    internal const int ChunkEvents = 1 << 18;

    /// <summary>
    /// Bytes an example takes beside its events, about: the example (64), its list slot (8), its client id (a
    /// string of ~20 characters, 64) and slack for the chunk ends.
    /// </summary>
    internal const int BytesPerClient = 160;

    /// <summary>
    /// Bytes one stored event takes at most: in a wide chunk, a URL id, a type id and a time (a narrow chunk takes half).
    /// </summary>
    internal const int BytesPerEvent = sizeof(int) + sizeof(int) + sizeof(long);

    private readonly List<EventChunk> _chunks = [];
    private readonly List<string> _strings = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly int _chunkEvents;
    private readonly long? _latestMicros;
    private int[] _urlIds = new int[64];
    private int[] _typeIds = new int[64];
    private EventChunk? _current;

    /// <summary>
    /// A store whose chunks hold <paramref name="chunkEvents"/> events (a longer chain gets one of its own length).
    /// <paramref name="latestMicros"/>, when known (a cutoff), is a time no added event passes: a narrow chunk's 32-bit
    /// times then end there, so every chain of the ~49.7 days before it fits; without it they centre on the chunk's
    /// first event.
    /// </summary>
    internal ExampleChains(int chunkEvents = ChunkEvents, long? latestMicros = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkEvents);
        _chunkEvents = chunkEvents;
        _latestMicros = latestMicros;
    }

    /// <summary>Chunks allocated so far.</summary>
    internal int ChunkCount => _chunks.Count;

    /// <summary>Chunks allocated so far that store their ids wide (32-bit).</summary>
    internal int WideIdChunks => _chunks.Count(c => c.WideIds);

    /// <summary>Chunks allocated so far that store their times wide (64-bit microseconds).</summary>
    internal int WideTimeChunks => _chunks.Count(c => c.WideTimes);

    /// <summary>Events stored.</summary>
    internal long Events { get; private set; }

    /// <summary>Distinct URL and type strings.</summary>
    internal IReadOnlyList<string> Strings => _strings;

    /// <summary>Appends a chain (URLs mapped by <paramref name="urlOf"/> first, when given) and returns where it lies.</summary>
    internal ChainSlice Add(ReadOnlySpan<string> urls, ReadOnlySpan<long> times, ReadOnlySpan<string> types, Func<string, string>? urlOf)
    {
        var length = urls.Length;
        if (_urlIds.Length < length)
        {
            _urlIds = new int[Math.Max(length, _urlIds.Length * 2)];
            _typeIds = new int[_urlIds.Length];
        }

        for (var i = 0; i < length; i++)
        {
            _urlIds[i] = IdOf(urlOf is null ? urls[i] : urlOf(urls[i]));
            _typeIds[i] = IdOf(types[i]);
        }

        var urlIds = _urlIds.AsSpan(0, length);
        var typeIds = _typeIds.AsSpan(0, length);
        if (_current is null || !_current.Takes(urlIds, typeIds, times))
        {
            _current = NewChunk(times, Math.Max(_chunkEvents, length));
            _chunks.Add(_current);
        }

        var offset = _current.Append(urlIds, typeIds, times);
        Events += length;
        return new ChainSlice(this, _chunks.Count - 1, offset, length);
    }

    /// <summary>The string of a URL or type id.</summary>
    internal string StringOf(int id) => _strings[id];

    internal EventChunk ChunkAt(int index) => _chunks[index];

    /// <summary>
    /// A chunk for a chain of <paramref name="times"/>: narrow ids while every id of the table fits 16 bits, narrow
    /// times when the chain's fit the 32-bit milliseconds from the base (see the constructor).
    /// </summary>
    private EventChunk NewChunk(ReadOnlySpan<long> times, int capacity)
    {
        var wideIds = _strings.Count > ushort.MaxValue + 1;
        long? baseMillis = _latestMicros is { } latest
            ? Math.DivRem(latest, 1000).Quotient - uint.MaxValue
            : times.Length > 0 ? Math.DivRem(times[0], 1000).Quotient - (1L << 31) : null;
        if (baseMillis is { } b && !EventChunk.FitsNarrow(times, b))
        {
            baseMillis = null;
        }

        return new EventChunk(capacity, wideIds, baseMillis);
    }

    private int IdOf(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _strings.Count;
            _strings.Add(value);
            _ids.Add(value, id);
        }

        return id;
    }
}
