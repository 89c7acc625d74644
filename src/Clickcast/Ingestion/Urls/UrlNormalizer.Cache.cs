namespace Clickcast.Ingestion.Urls;

public sealed partial class UrlNormalizer
{
    /// <summary>The answers remembered now (for tests of the cache's bounds).</summary>
    internal int CachedCount => _cache?.Count ?? 0;

    /// <summary>What decides the answer for a URL within <see cref="UrlNormalizationOptions.MaxLength"/> (<see cref="UrlOutcomeKey"/>).</summary>
    internal UrlOutcomeKey OutcomeKey { get; }

    /// <summary>The part of <paramref name="rawUrl"/> (within the length limit) its answer depends on: <see cref="OutcomeKey"/>.</summary>
    private ReadOnlySpan<char> CacheKey(string rawUrl) => rawUrl.AsSpan(0, OutcomeKey.Length(rawUrl));

    private string Intern(ReadOnlySpan<char> token)
    {
        // Many raw URLs share one token; handing out one string per token keeps the sequences built from them small.
        if (_tokens is null)
        {
            return new string(token);
        }

        if (_tokenLookup.TryGetValue(token, out var known))
        {
            return known;
        }

        var created = new string(token);
        return _tokens.GetOrAdd(created, created);
    }
}
