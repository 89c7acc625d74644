namespace Clickcast.Sequences;

/// <summary>
/// One client's chronological chain of URL tokens with event times and types, capped to the most recent events,
/// plus facts about the whole history (first and last event, total count). Immutable once built.
/// </summary>
public sealed class ClientSequence
{
    internal ClientSequence(
        string clientId,
        ulong clientHash,
        string[] urls,
        long[] timestampsMicros,
        string[] eventTypes,
        long firstEventMicros,
        long lastEventMicros,
        long eventCount,
        long updatedGeneration = 0)
    {
        ClientId = clientId;
        ClientHash = clientHash;
        UrlArray = urls;
        TimestampArray = timestampsMicros;
        EventTypeArray = eventTypes;
        FirstEventMicros = firstEventMicros;
        LastEventMicros = lastEventMicros;
        EventCount = eventCount;
        UpdatedGeneration = updatedGeneration;
    }

    /// <summary>The client id.</summary>
    public string ClientId { get; }

    /// <summary><see cref="Events.ClientHash.Of(string)"/> of the client id.</summary>
    public ulong ClientHash { get; }

    /// <summary>URL tokens, oldest first.</summary>
    public IReadOnlyList<string> Urls => UrlArray;

    /// <summary>Event times, microseconds since the epoch (UTC), oldest first.</summary>
    public IReadOnlyList<long> TimestampsMicros => TimestampArray;

    /// <summary>Event types, aligned with <see cref="Urls"/>.</summary>
    public IReadOnlyList<string> EventTypes => EventTypeArray;

    /// <summary>Events kept (at most the cap).</summary>
    public int Length => UrlArray.Length;

    /// <summary>The client's first event ever, including events beyond the cap.</summary>
    public long FirstEventMicros { get; }

    /// <summary>The client's latest event.</summary>
    public long LastEventMicros { get; }

    /// <summary>Events ever seen for the client, including those beyond the cap.</summary>
    public long EventCount { get; }

    /// <summary>
    /// The sequence generation in which this client last received new events: scoring uses it to find clients
    /// with fresh events, whatever their timestamps (late events included).
    /// </summary>
    public long UpdatedGeneration { get; }

    internal string[] UrlArray { get; }

    internal long[] TimestampArray { get; }

    internal string[] EventTypeArray { get; }

    /// <summary>
    /// Seconds between each kept event and the one before it; the first is 0 because the event before it, if
    /// any, lies beyond the cap (keeping it 0 makes a capped chain independent of what was cut).
    /// </summary>
    public float[] DeltasSeconds()
    {
        var deltas = new float[TimestampArray.Length];
        for (var i = 1; i < deltas.Length; i++)
        {
            deltas[i] = (TimestampArray[i] - TimestampArray[i - 1]) / 1_000_000f;
        }

        return deltas;
    }

    /// <summary>True when both describe the same client with the same events (for tests and checks).</summary>
    public bool SameAs(ClientSequence other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ClientId == other.ClientId
            && FirstEventMicros == other.FirstEventMicros
            && LastEventMicros == other.LastEventMicros
            && EventCount == other.EventCount
            && UrlArray.AsSpan().SequenceEqual(other.UrlArray)
            && TimestampArray.AsSpan().SequenceEqual(other.TimestampArray)
            && EventTypeArray.AsSpan().SequenceEqual(other.EventTypeArray);
    }

    public override string ToString() => $"{ClientId}: {Length} of {EventCount} events";
}
