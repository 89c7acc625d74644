using System.Collections.Concurrent;

namespace Clickcast.Ingestion.Urls;

/// <summary>
/// Cuts already-normalized URL tokens (<c>host[:port]/seg/seg?query</c>) to a coarser level, so a task can model
/// registrable domains while its tenant keeps paths. It can only coarsen: a token keeps what ingest kept.
/// </summary>
public sealed class UrlTokenCutter
{
    private readonly UrlLevel _level;
    private readonly int _segments;
    private readonly bool _includePrivate;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a cutter to <paramref name="level"/> (with <paramref name="pathSegments"/> at path level).</summary>
    public UrlTokenCutter(UrlLevel level, int pathSegments = 1, bool includePrivateSuffixes = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pathSegments);
        _level = level;
        _segments = pathSegments;
        _includePrivate = includePrivateSuffixes;
    }

    /// <summary>The token cut to the level.</summary>
    public string Cut(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_cache.TryGetValue(token, out var cut))
        {
            return cut;
        }

        cut = Compute(token);
        if (_cache.Count < 1_000_000)
        {
            _cache[token] = cut;
        }

        return cut;
    }

    private string Compute(string token)
    {
        var query = token.IndexOf('?', StringComparison.Ordinal);
        var withoutQuery = query < 0 ? token : token[..query];
        var slash = withoutQuery.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? withoutQuery : withoutQuery[..slash];
        switch (_level)
        {
            case UrlLevel.Host:
                return authority;
            case UrlLevel.RegistrableDomain:
                var colon = authority.LastIndexOf(':');
                var host = colon > 0 && !authority.Contains(']', StringComparison.Ordinal) ? authority[..colon] : authority;
                return PublicSuffixList.Default.TryGetRegistrableDomainStart(host, _includePrivate, out var start) ? host[start..] : host;
            default:
                if (slash < 0)
                {
                    return authority;
                }

                var end = slash;
                for (var i = 0; i < _segments; i++)
                {
                    var next = withoutQuery.IndexOf('/', end + 1);
                    if (next < 0)
                    {
                        return withoutQuery;
                    }

                    end = next;
                }

                return withoutQuery[..end];
        }
    }
}
