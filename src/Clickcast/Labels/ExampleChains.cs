namespace Clickcast.Labels;

/// <summary>
/// The observed chains of a dataset's examples in pooled buffers: per event a URL id and a type id (4 bytes each,
/// into one table of the distinct strings) and a time (8 bytes), in chunks of <see cref="ChunkEvents"/> events that
/// a chain never straddles. A client's chain is then (chunk, offset, length) instead of three arrays of its own with
/// a reference per event: 16 bytes per event, no per-client arrays, and no doubling copy as the sample grows.
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

    /// <summary>Bytes one stored event takes: URL id, type id, time.</summary>
    internal const int BytesPerEvent = sizeof(int) + sizeof(int) + sizeof(long);

    private readonly List<Chunk> _chunks = [];
    private readonly List<string> _strings = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly int _chunkEvents;
    private Chunk? _current;

    /// <summary>A store whose chunks hold <paramref name="chunkEvents"/> events (a longer chain gets one of its own length).</summary>
    internal ExampleChains(int chunkEvents = ChunkEvents)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkEvents);
        _chunkEvents = chunkEvents;
    }

    /// <summary>Chunks allocated so far.</summary>
    internal int ChunkCount => _chunks.Count;

    /// <summary>Events stored.</summary>
    internal long Events { get; private set; }

    /// <summary>Distinct URL and type strings.</summary>
    internal IReadOnlyList<string> Strings => _strings;

    /// <summary>Appends a chain (URLs mapped by <paramref name="urlOf"/> first, when given) and returns where it lies.</summary>
    internal ChainSlice Add(ReadOnlySpan<string> urls, ReadOnlySpan<long> times, ReadOnlySpan<string> types, Func<string, string>? urlOf)
    {
        var length = urls.Length;
        if (_current is null || _current.Used + length > _current.Times.Length)
        {
            _current = new Chunk(Math.Max(_chunkEvents, length));
            _chunks.Add(_current);
        }

        var chunk = _current;
        var offset = chunk.Used;
        for (var i = 0; i < length; i++)
        {
            chunk.Urls[offset + i] = IdOf(urlOf is null ? urls[i] : urlOf(urls[i]));
            chunk.Types[offset + i] = IdOf(types[i]);
        }

        times.CopyTo(chunk.Times.AsSpan(offset, length));
        chunk.Used += length;
        Events += length;
        return new ChainSlice(this, _chunks.Count - 1, offset, length);
    }

    /// <summary>The string of a URL or type id.</summary>
    internal string StringOf(int id) => _strings[id];

    internal Chunk ChunkAt(int index) => _chunks[index];

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

    /// <summary>One pooled buffer of events.</summary>
    internal sealed class Chunk(int capacity)
    {
        public int[] Urls { get; } = new int[capacity];

        public int[] Types { get; } = new int[capacity];

        public long[] Times { get; } = new long[capacity];

        public int Used { get; set; }
    }
}
