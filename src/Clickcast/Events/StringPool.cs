namespace Clickcast.Events;

/// <summary>
/// Interns the few distinct URL tokens and event types that millions of events repeat, so reading them costs a
/// lookup instead of an allocation. Not thread-safe: one per reader.
/// </summary>
internal sealed class StringPool
{
    /// <summary>Distinct strings kept; past this the pool stops growing and returns fresh strings.</summary>
    private const int MaxEntries = 1 << 20;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool()
    {
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var existing))
        {
            return existing;
        }

        var created = new string(text);
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(created);
        }

        return created;
    }

    public string Get(string text) => Get(text.AsSpan());
}
