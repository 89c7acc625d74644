namespace Clickcast.Labels;

/// <summary>Where one example's observed chain lies in its dataset's <see cref="ExampleChains"/>.</summary>
internal readonly record struct ChainSlice(ExampleChains Store, int Chunk, int Offset, int Length)
{
    /// <summary>The URL token of event <paramref name="index"/> (oldest first).</summary>
    public string UrlAt(int index) => Store.StringOf(Events.UrlAt(Offset + Checked(index)));

    /// <summary>The event type of event <paramref name="index"/> (oldest first).</summary>
    public string TypeAt(int index) => Store.StringOf(Events.TypeAt(Offset + Checked(index)));

    /// <summary>The time of event <paramref name="index"/>, microseconds since the epoch.</summary>
    public long TimeAt(int index) => Events.TimeAt(Offset + Checked(index));

    /// <summary>The URL tokens as a list (a view: nothing copied).</summary>
    public IReadOnlyList<string> Urls => new ChainStrings(this, urls: true);

    /// <summary>The event types as a list (a view: nothing copied).</summary>
    public IReadOnlyList<string> Types => new ChainStrings(this, urls: false);

    /// <summary>The times as a list (a view: nothing copied).</summary>
    public IReadOnlyList<long> TimeList => new ChainTimes(this);

    /// <summary>The latest observed time; an empty chain has none (its slot would be the previous chain's last event).</summary>
    public long LastTime => Length > 0
        ? TimeAt(Length - 1)
        : throw new InvalidOperationException("An empty chain has no latest observed time.");

    private EventChunk Events => Store.ChunkAt(Chunk);

    private int Checked(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        return index;
    }
}
