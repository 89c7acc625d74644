namespace Clickcast.Events;

/// <summary>
/// Interns the few distinct URL tokens and event types that millions of events repeat, so reading them costs a
/// lookup instead of an allocation. Each pooled string has an index, which lets a caller store an int where it
/// would store the string. Not thread-safe: one per reader.
/// </summary>
internal sealed class StringPool
{
    /// <summary>Distinct strings kept; past this the pool stops growing and returns fresh strings.</summary>
    internal const int MaxEntries = 1 << 20;

    /// <summary>The index of a string the pool did not keep.</summary>
    public const int NotPooled = -1;

    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _strings = [];

    public StringPool()
    {
        _lookup = _indexes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The pooled strings, by index.</summary>
    public IReadOnlyList<string> Strings => _strings;

    public string Get(ReadOnlySpan<char> text) => Get(text, out _);

    public string Get(string text) => Get(text.AsSpan());

    /// <summary>The pooled copy of <paramref name="text"/> and its index, or a fresh string and <see cref="NotPooled"/> once the pool is full.</summary>
    public string Get(ReadOnlySpan<char> text, out int index)
    {
        if (_lookup.TryGetValue(text, out var existing, out index))
        {
            return existing;
        }

        var created = new string(text);
        if (_strings.Count < MaxEntries)
        {
            index = _strings.Count;
            _strings.Add(created);
            _indexes.Add(created, index);
        }
        else
        {
            index = NotPooled;
        }

        return created;
    }
}
