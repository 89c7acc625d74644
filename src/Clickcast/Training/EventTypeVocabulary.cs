namespace Clickcast.Training;

/// <summary>
/// Event types a model tells apart (view, cart, buy, ...): the most frequent in the training data, at most
/// <see cref="MaxTypes"/>; any other type, or none, reads as <see cref="OtherId"/>. Saved with the model.
/// </summary>
public sealed class EventTypeVocabulary
{
    /// <summary>Id of padding (no event).</summary>
    public const int PadId = 0;

    /// <summary>Id of a type the vocabulary does not hold (rare, new, or empty).</summary>
    public const int OtherId = 1;

    /// <summary>Most types a vocabulary holds: a tenant's types are few, and its data may not make up more.</summary>
    public const int MaxTypes = 32;

    private readonly Dictionary<string, int> _ids;

    /// <summary>A vocabulary of the given types, in id order from 2 (as saved).</summary>
    public EventTypeVocabulary(IEnumerable<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        Types = types.ToArray();
        if (Types.Count > MaxTypes || Types.Distinct(StringComparer.Ordinal).Count() != Types.Count || Types.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"Event types must be at most {MaxTypes}, distinct and non-empty.", nameof(types));
        }

        _ids = Types.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i + OtherId + 1, StringComparer.Ordinal);
    }

    /// <summary>The types, id 2 first.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>Ids in use: padding, other and the types.</summary>
    public int Count => Types.Count + OtherId + 1;

    /// <summary>The id of a type; <see cref="OtherId"/> when it is not held.</summary>
    public int IdOf(string? type) => type is not null && _ids.TryGetValue(type, out var id) ? id : OtherId;

    /// <summary>
    /// The most frequent types of the chains (ties by name), at most <see cref="MaxTypes"/>. Grown from a previous
    /// vocabulary (a warm start), its types keep their ids and new ones follow while room is left.
    /// </summary>
    public static EventTypeVocabulary Build(IEnumerable<IReadOnlyList<string>> chains, EventTypeVocabulary? grownFrom = null)
    {
        ArgumentNullException.ThrowIfNull(chains);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chain in chains)
        {
            foreach (var type in chain)
            {
                if (!string.IsNullOrEmpty(type))
                {
                    counts[type] = counts.GetValueOrDefault(type) + 1;
                }
            }
        }

        var kept = new List<string>(grownFrom?.Types ?? []);
        var known = new HashSet<string>(kept, StringComparer.Ordinal);
        kept.AddRange(counts.Where(c => !known.Contains(c.Key))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, MaxTypes - kept.Count)).Select(c => c.Key));
        return new EventTypeVocabulary(kept);
    }
}
