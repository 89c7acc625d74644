namespace Clickcast.Ingestion.Urls;

/// <summary>
/// Domain names that also match their subdomains: <c>doubleclick.net</c> matches <c>stats.g.doubleclick.net</c>
/// but not <c>notdoubleclick.net</c>. Lookups allocate nothing. Immutable after construction.
/// </summary>
internal sealed class DomainSet
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;

    /// <summary>Takes names in any case, with or without a leading <c>*.</c> or dot; Unicode names are stored as punycode.</summary>
    public DomainSet(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var text = (name ?? string.Empty).Trim();
            text = text.StartsWith("*.", StringComparison.Ordinal) ? text[2..] : text.TrimStart('.');
            text = text.TrimEnd('.');
            if (text.Length > 0 && HostName.TryNormalize(text, out var host))
            {
                set.Add(host);
            }
        }

        _names = set.GetAlternateLookup<ReadOnlySpan<char>>();
        Count = set.Count;
    }

    /// <summary>Names in the set.</summary>
    public int Count { get; }

    /// <summary>Whether <paramref name="host"/> (lower-case ASCII) or one of its parent domains is in the set.</summary>
    public bool Matches(ReadOnlySpan<char> host)
    {
        if (Count == 0)
        {
            return false;
        }

        while (true)
        {
            if (_names.Contains(host))
            {
                return true;
            }

            var dot = host.IndexOf('.');
            if (dot < 0)
            {
                return false;
            }

            host = host[(dot + 1)..];
        }
    }
}
