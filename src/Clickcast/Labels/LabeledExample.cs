namespace Clickcast.Labels;

/// <summary>
/// One client as a training example: the events it may be judged on (never any after the cutoff) and whether it
/// did the target in the outcome window.
/// </summary>
public sealed class LabeledExample
{
    internal LabeledExample(string clientId, ulong clientHash, DatasetSplit split, bool label, string[] urls, long[] timesMicros, string[] eventTypes)
    {
        ClientId = clientId;
        ClientHash = clientHash;
        Split = split;
        Label = label;
        UrlArray = urls;
        TimeArray = timesMicros;
        EventTypeArray = eventTypes;
    }

    /// <summary>The client.</summary>
    public string ClientId { get; }

    /// <summary>The client's stable hash.</summary>
    public ulong ClientHash { get; }

    /// <summary>Train, validation or test.</summary>
    public DatasetSplit Split { get; }

    /// <summary>True for a positive (after inversion, when the target is inverted).</summary>
    public bool Label { get; }

    /// <summary>Observed URL tokens, oldest first.</summary>
    public IReadOnlyList<string> Urls => UrlArray;

    /// <summary>Observed event times (microseconds since the epoch, UTC; synthetic positions in position mode).</summary>
    public IReadOnlyList<long> TimesMicros => TimeArray;

    /// <summary>Observed event types.</summary>
    public IReadOnlyList<string> EventTypes => EventTypeArray;

    internal string[] UrlArray { get; }

    internal long[] TimeArray { get; }

    internal string[] EventTypeArray { get; }

    public override string ToString() => $"{ClientId} ({Split}, {(Label ? "positive" : "negative")}, {UrlArray.Length} events)";
}
