namespace Clickcast.Labels;

/// <summary>
/// One client as a training example: the events it may be judged on (never any after the cutoff) and whether it
/// did the target in the outcome window.
/// </summary>
public sealed class LabeledExample
{
    /// <summary>An example with a chain of its own (tests, small data): a store sized to it.</summary>
    internal LabeledExample(string clientId, ulong clientHash, DatasetSplit split, bool label, string[] urls, long[] timesMicros, string[] eventTypes)
        : this(clientId, clientHash, split, label, new ExampleChains(Math.Max(1, urls.Length)).Add(urls, timesMicros, eventTypes, null))
    {
    }

    internal LabeledExample(string clientId, ulong clientHash, DatasetSplit split, bool label, ChainSlice chain)
    {
        ClientId = clientId;
        ClientHash = clientHash;
        Split = split;
        Label = label;
        Chain = chain;
    }

    /// <summary>The client.</summary>
    public string ClientId { get; }

    /// <summary>The client's stable hash.</summary>
    public ulong ClientHash { get; }

    /// <summary>Train, validation or test.</summary>
    public DatasetSplit Split { get; }

    /// <summary>True for a positive (after inversion, when the target is inverted).</summary>
    public bool Label { get; }

    /// <summary>Observed URL tokens, oldest first (a view of the dataset's pooled chains).</summary>
    public IReadOnlyList<string> Urls => Chain.Urls;

    /// <summary>Observed event times (microseconds since the epoch, UTC; synthetic positions in position mode).</summary>
    public IReadOnlyList<long> TimesMicros => Chain.TimeList;

    /// <summary>Observed event types.</summary>
    public IReadOnlyList<string> EventTypes => Chain.Types;

    /// <summary>Observed events.</summary>
    public int Length => Chain.Length;

    /// <summary>Where the observed chain lies in the dataset's <see cref="ExampleChains"/>.</summary>
    internal ChainSlice Chain { get; }

    public override string ToString() => $"{ClientId} ({Split}, {(Label ? "positive" : "negative")}, {Chain.Length} events)";
}
