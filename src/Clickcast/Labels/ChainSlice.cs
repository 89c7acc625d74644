namespace Clickcast.Labels;

/// <summary>Where one example's observed chain lies in its dataset's <see cref="ExampleChains"/>.</summary>
internal readonly record struct ChainSlice(ExampleChains Store, int Chunk, int Offset, int Length)
{
    /// <summary>URL ids (into <see cref="ExampleChains.StringOf"/>), oldest first.</summary>
    public ReadOnlySpan<int> UrlIds => Store.ChunkAt(Chunk).Urls.AsSpan(Offset, Length);

    /// <summary>Event type ids (into <see cref="ExampleChains.StringOf"/>), oldest first.</summary>
    public ReadOnlySpan<int> TypeIds => Store.ChunkAt(Chunk).Types.AsSpan(Offset, Length);

    /// <summary>Event times, microseconds since the epoch.</summary>
    public ReadOnlySpan<long> Times => Store.ChunkAt(Chunk).Times.AsSpan(Offset, Length);

    /// <summary>The URL tokens as a list (a view: nothing copied).</summary>
    public IReadOnlyList<string> Urls => new ChainStrings(Store, Store.ChunkAt(Chunk).Urls, Offset, Length);

    /// <summary>The event types as a list (a view: nothing copied).</summary>
    public IReadOnlyList<string> Types => new ChainStrings(Store, Store.ChunkAt(Chunk).Types, Offset, Length);

    /// <summary>The times as a list (a view: nothing copied).</summary>
    public IReadOnlyList<long> TimeList => new ArraySegment<long>(Store.ChunkAt(Chunk).Times, Offset, Length);

    /// <summary>The latest observed time; an empty chain has none (its slot would be the previous chain's last event).</summary>
    public long LastTime => Length > 0
        ? Store.ChunkAt(Chunk).Times[Offset + Length - 1]
        : throw new InvalidOperationException("An empty chain has no latest observed time.");
}
