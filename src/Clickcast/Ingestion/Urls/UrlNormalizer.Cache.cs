namespace Clickcast.Ingestion.Urls;

public sealed partial class UrlNormalizer
{
    /// <summary>The answers remembered now (for tests of the cache's bounds).</summary>
    internal int CachedCount => _cache?.Count ?? 0;

    /// <summary>
    /// What the answer for <paramref name="rawUrl"/> depends on: without <see cref="UrlNormalizationOptions.KeepQuery"/>
    /// the URL up to and including its first <c>?</c> or <c>#</c>, so the click ids that make most URLs unique
    /// (<c>?gclid=…</c>) are normalized once per page rather than once per click. Nothing after that character is
    /// read then: the scheme, authority and path all end at it, and trimming only removes spaces at the very end.
    /// </summary>
    private ReadOnlySpan<char> CacheKey(string rawUrl)
    {
        if (_keepQuery)
        {
            return rawUrl;
        }

        var end = rawUrl.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? rawUrl : rawUrl.AsSpan(0, end + 1);
    }

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
