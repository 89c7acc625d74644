namespace Clickcast.Ingestion.Urls;

/// <summary>
/// Short names matched ignoring case (schemes, extensions, labels, parameter names). The names are stored lower-case
/// and a probe is lower-cased on the stack, because an ordinal lookup is several times faster than an ignore-case one
/// on spans. Immutable after construction.
/// </summary>
internal sealed class NameSet
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly int _longest;

    /// <summary>Takes names in any case; <paramref name="canonical"/> trims decoration such as a leading dot.</summary>
    public NameSet(IEnumerable<string> names, Func<string, string>? canonical = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var text = (name ?? string.Empty).Trim();
            text = canonical is null ? text : canonical(text);
            if (text.Length > 0)
            {
                set.Add(text.ToLowerInvariant());
                _longest = Math.Max(_longest, text.Length);
            }
        }

        _names = set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Whether <paramref name="name"/>, in any case, is in the set.</summary>
    public bool Contains(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > _longest)
        {
            return false;
        }

        Span<char> lower = stackalloc char[name.Length];
        name.ToLowerInvariant(lower);
        return _names.Contains(lower);
    }
}
