using System.Text;
using System.Text.RegularExpressions;

namespace Clickcast.Labels;

/// <summary>A compiled <see cref="TargetDefinition"/>: tells whether one event is the target action.</summary>
public sealed class TargetMatcher
{
    private readonly string? _pattern;
    private readonly UrlMatchKind _kind;
    private readonly Regex? _regex;
    private readonly string? _eventType;
    private readonly Dictionary<string, bool> _cache = new(StringComparer.Ordinal);

    public TargetMatcher(TargetDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.IsNullOrEmpty(target.UrlPattern) && string.IsNullOrEmpty(target.EventType))
        {
            throw new ArgumentException("A target needs a URL pattern, an event type, or both.", nameof(target));
        }

        _pattern = string.IsNullOrEmpty(target.UrlPattern) ? null : target.UrlPattern;
        _kind = target.Match;
        _eventType = string.IsNullOrEmpty(target.EventType) ? null : target.EventType;
        if (_pattern is not null && _kind is UrlMatchKind.Glob or UrlMatchKind.Regex)
        {
            var expression = _kind == UrlMatchKind.Glob ? GlobToRegex(_pattern) : _pattern;
            try
            {
                _regex = new Regex(expression, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"The target pattern '{_pattern}' is not a valid {_kind}: {ex.Message}", nameof(target), ex);
            }
        }
    }

    /// <summary>True when an event with this URL token and type is the target.</summary>
    public bool IsTarget(string url, string eventType)
    {
        if (_eventType is not null && !string.Equals(eventType, _eventType, StringComparison.Ordinal))
        {
            return false;
        }

        if (_pattern is null)
        {
            return true;
        }

        // Tokens repeat heavily; a regex per event would dominate labelling time.
        if (!_cache.TryGetValue(url, out var matches))
        {
            matches = _kind switch
            {
                UrlMatchKind.Exact => string.Equals(url, _pattern, StringComparison.Ordinal),
                UrlMatchKind.Prefix => url.StartsWith(_pattern, StringComparison.Ordinal),
                _ => _regex!.IsMatch(url),
            };
            if (_cache.Count < 1_000_000)
            {
                _cache[url] = matches;
            }
        }

        return matches;
    }

    private static string GlobToRegex(string glob)
    {
        var builder = new StringBuilder("^");
        foreach (var c in glob)
        {
            builder.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return builder.Append('$').ToString();
    }
}
