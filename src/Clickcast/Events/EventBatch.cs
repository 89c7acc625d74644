namespace Clickcast.Events;

/// <summary>A column-wise batch of normalized events: the unit events are written and read in.</summary>
public sealed class EventBatch
{
    public EventBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ClientIds = new string[capacity];
        TimestampsMicros = new long[capacity];
        Urls = new string[capacity];
        EventTypes = new string[capacity];
    }

    /// <summary>Client ids, one per event.</summary>
    public string[] ClientIds { get; private set; }

    /// <summary>Event times, microseconds since the Unix epoch, UTC.</summary>
    public long[] TimestampsMicros { get; private set; }

    /// <summary>URL tokens.</summary>
    public string[] Urls { get; private set; }

    /// <summary>Event types.</summary>
    public string[] EventTypes { get; private set; }

    /// <summary>
    /// When read with indexes: each client id's index in the reader's <see cref="StringPool"/>, or
    /// <see cref="StringPool.NotPooled"/>. Empty otherwise. Likewise <see cref="UrlIndexes"/> and <see cref="EventTypeIndexes"/>.
    /// </summary>
    internal int[] ClientIdIndexes { get; private set; } = [];

    internal int[] UrlIndexes { get; private set; } = [];

    internal int[] EventTypeIndexes { get; private set; } = [];

    /// <summary>Events in the batch; the arrays may be longer.</summary>
    public int Count { get; set; }

    /// <summary>True when no more events fit.</summary>
    public bool IsFull => Count == ClientIds.Length;

    /// <summary>The event at <paramref name="index"/>.</summary>
    public ClickEvent this[int index] => new(ClientIds[index], TimestampsMicros[index], Urls[index], EventTypes[index]);

    /// <summary>Appends one event; the caller checks <see cref="IsFull"/> first.</summary>
    public void Add(in ClickEvent click)
    {
        var i = Count++;
        ClientIds[i] = click.ClientId;
        TimestampsMicros[i] = click.TimestampMicros;
        Urls[i] = click.Url;
        EventTypes[i] = click.EventType;
    }

    /// <summary>Makes room for at least <paramref name="capacity"/> events, dropping the contents.</summary>
    public void Reset(int capacity)
    {
        Count = 0;
        if (ClientIds.Length < capacity)
        {
            ClientIds = new string[capacity];
            TimestampsMicros = new long[capacity];
            Urls = new string[capacity];
            EventTypes = new string[capacity];
        }
    }

    /// <summary>Makes room for at least <paramref name="capacity"/> events, keeping the contents.</summary>
    internal void Grow(int capacity)
    {
        if (ClientIds.Length >= capacity)
        {
            return;
        }

        var clientIds = ClientIds;
        var timestamps = TimestampsMicros;
        var urls = Urls;
        var eventTypes = EventTypes;
        Array.Resize(ref clientIds, capacity);
        Array.Resize(ref timestamps, capacity);
        Array.Resize(ref urls, capacity);
        Array.Resize(ref eventTypes, capacity);
        ClientIds = clientIds;
        TimestampsMicros = timestamps;
        Urls = urls;
        EventTypes = eventTypes;
    }

    /// <summary>Like <see cref="Reset"/>, also making room for the string indexes.</summary>
    internal void ResetWithIndexes(int capacity)
    {
        Reset(capacity);
        if (ClientIdIndexes.Length < ClientIds.Length)
        {
            ClientIdIndexes = new int[ClientIds.Length];
            UrlIndexes = new int[ClientIds.Length];
            EventTypeIndexes = new int[ClientIds.Length];
        }
    }
}
