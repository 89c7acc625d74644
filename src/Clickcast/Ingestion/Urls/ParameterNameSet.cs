namespace Clickcast.Ingestion.Urls;

/// <summary>
/// Query parameter names matched case-insensitively, exactly or, for entries ending in <c>*</c>, by prefix
/// (<c>utm_*</c>). Immutable after construction.
/// </summary>
internal sealed class ParameterNameSet
{
    private readonly NameSet _exact;
    private readonly string[] _prefixes;

    public ParameterNameSet(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var exact = new List<string>();
        var prefixes = new List<string>();
        foreach (var pattern in patterns)
        {
            var text = (pattern ?? string.Empty).Trim();
            if (text.EndsWith('*'))
            {
                // A bare "*" would remove every parameter: that is KeepQuery = false, not a tracking rule.
                if (text.Length > 1)
                {
                    prefixes.Add(text[..^1]);
                }
            }
            else if (text.Length > 0)
            {
                exact.Add(text);
            }
        }

        _exact = new NameSet(exact);
        _prefixes = [.. prefixes];
    }

    /// <summary>Whether <paramref name="name"/> is one of the names or starts with one of the prefixes.</summary>
    public bool Matches(ReadOnlySpan<char> name)
    {
        if (_exact.Contains(name))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
