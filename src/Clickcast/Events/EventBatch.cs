namespace Clickcast.Events;

/// <summary>A column-wise batch of normalized events: the unit events are written and read in.</summary>
public sealed class EventBatch
{
    private EventColumns _columns;

    public EventBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _columns = EventColumns.Allocate(capacity);
    }

    /// <summary>Client ids, one per event.</summary>
    public string[] ClientIds => _columns.ClientIds;

    /// <summary>Event times, microseconds since the Unix epoch, UTC.</summary>
    public long[] TimestampsMicros => _columns.TimestampsMicros;

    /// <summary>URL tokens.</summary>
    public string[] Urls => _columns.Urls;

    /// <summary>Event types.</summary>
    public string[] EventTypes => _columns.EventTypes;

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
    public ClickEvent this[int index] => _columns[index];

    /// <summary>Appends one event; the caller checks <see cref="IsFull"/> first.</summary>
    public void Add(in ClickEvent click) => _columns.Set(Count++, click);

    /// <summary>Makes room for at least <paramref name="capacity"/> events, dropping the contents.</summary>
    public void Reset(int capacity)
    {
        Count = 0;
        if (ClientIds.Length < capacity)
        {
            _columns = EventColumns.Allocate(capacity);
        }
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
