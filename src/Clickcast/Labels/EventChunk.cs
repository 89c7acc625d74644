namespace Clickcast.Labels;

/// <summary>
/// One pooled buffer of <see cref="ExampleChains"/>' events. Narrow ids are 16-bit, wide ones 32-bit; narrow times
/// are whole milliseconds as unsigned 32-bit offsets from <c>baseMillis</c>, wide ones 64-bit microseconds. Which a
/// chunk uses is fixed when it is made; a chain that does not fit it goes to a new chunk.
/// </summary>
internal sealed class EventChunk
{
    private readonly ushort[]? _narrowUrls;
    private readonly ushort[]? _narrowTypes;
    private readonly int[]? _wideUrls;
    private readonly int[]? _wideTypes;
    private readonly uint[]? _narrowTimes;
    private readonly long[]? _wideTimes;
    private readonly long _baseMillis;

    /// <summary>A chunk of <paramref name="capacity"/> events; times narrow from <paramref name="baseMillis"/> when given.</summary>
    public EventChunk(int capacity, bool wideIds, long? baseMillis)
    {
        Capacity = capacity;
        if (wideIds)
        {
            _wideUrls = new int[capacity];
            _wideTypes = new int[capacity];
        }
        else
        {
            _narrowUrls = new ushort[capacity];
            _narrowTypes = new ushort[capacity];
        }

        if (baseMillis is { } b)
        {
            _baseMillis = b;
            _narrowTimes = new uint[capacity];
        }
        else
        {
            _wideTimes = new long[capacity];
        }
    }

    /// <summary>Events the chunk holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Events stored.</summary>
    public int Used { get; private set; }

    /// <summary>True when ids are stored 32-bit.</summary>
    public bool WideIds => _wideUrls is not null;

    /// <summary>True when times are stored as 64-bit microseconds.</summary>
    public bool WideTimes => _wideTimes is not null;

    /// <summary>True when every time is a whole millisecond within 2³² − 1 of them after <paramref name="baseMillis"/>.</summary>
    public static bool FitsNarrow(ReadOnlySpan<long> times, long baseMillis)
    {
        foreach (var time in times)
        {
            var (millis, rest) = Math.DivRem(time, 1000);
            if (rest != 0 || millis < baseMillis || millis - baseMillis > uint.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the chain has room here and its ids and times fit this chunk's widths.</summary>
    public bool Takes(ReadOnlySpan<int> urlIds, ReadOnlySpan<int> typeIds, ReadOnlySpan<long> times)
    {
        if (Used + urlIds.Length > Capacity)
        {
            return false;
        }

        if (!WideIds && (Max(urlIds) > ushort.MaxValue || Max(typeIds) > ushort.MaxValue))
        {
            return false;
        }

        return WideTimes || FitsNarrow(times, _baseMillis);
    }

    /// <summary>Appends a chain that <see cref="Takes"/> accepted; returns its offset.</summary>
    public int Append(ReadOnlySpan<int> urlIds, ReadOnlySpan<int> typeIds, ReadOnlySpan<long> times)
    {
        var offset = Used;
        for (var i = 0; i < urlIds.Length; i++)
        {
            if (_wideUrls is not null)
            {
                _wideUrls[offset + i] = urlIds[i];
                _wideTypes![offset + i] = typeIds[i];
            }
            else
            {
                _narrowUrls![offset + i] = checked((ushort)urlIds[i]);
                _narrowTypes![offset + i] = checked((ushort)typeIds[i]);
            }

            if (_wideTimes is not null)
            {
                _wideTimes[offset + i] = times[i];
            }
            else
            {
                _narrowTimes![offset + i] = checked((uint)((times[i] / 1000) - _baseMillis));
            }
        }

        Used += urlIds.Length;
        return offset;
    }

    /// <summary>The URL id at <paramref name="index"/>.</summary>
    public int UrlAt(int index) => _wideUrls is not null ? _wideUrls[index] : _narrowUrls![index];

    /// <summary>The type id at <paramref name="index"/>.</summary>
    public int TypeAt(int index) => _wideTypes is not null ? _wideTypes[index] : _narrowTypes![index];

    /// <summary>The time at <paramref name="index"/>, microseconds since the epoch.</summary>
    public long TimeAt(int index) => _wideTimes is not null ? _wideTimes[index] : (_baseMillis + _narrowTimes![index]) * 1000;

    private static int Max(ReadOnlySpan<int> ids)
    {
        var max = 0;
        foreach (var id in ids)
        {
            max = Math.Max(max, id);
        }

        return max;
    }
}
