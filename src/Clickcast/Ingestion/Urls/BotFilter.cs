using System.Buffers;
using System.Collections.Concurrent;

namespace Clickcast.Ingestion.Urls;

/// <summary>
/// Recognises crawlers, feed readers, monitors and scripts by their user agent, per <see cref="BotFilterOptions"/>.
/// All patterns are searched in one vectorized pass (<see cref="SearchValues{T}"/>, a few hundred nanoseconds for a
/// hundred patterns); answers are remembered per distinct user agent, because a site sees few of them. Thread-safe.
/// </summary>
public sealed class BotFilter
{
    private readonly bool _enabled;
    private readonly bool _missingIsBot;
    private readonly SearchValues<string>? _patterns;
    private readonly SearchValues<string>? _exceptions;
    private readonly int _cacheCapacity;
    private readonly ConcurrentDictionary<string, bool>? _cache;
    private int _cacheCount;

    /// <summary>Reads <paramref name="options"/> once: later changes to it do not affect this instance.</summary>
    public BotFilter(BotFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.CacheCapacity, nameof(options.CacheCapacity));
        _enabled = options.Enabled;
        _missingIsBot = options.MissingUserAgentIsBot;
        _patterns = SearchValuesOf((IEnumerable<string>?)options.Patterns ?? BotFilterOptions.DefaultPatterns);
        _exceptions = SearchValuesOf((IEnumerable<string>?)options.Exceptions ?? BotFilterOptions.DefaultExceptions);
        _cacheCapacity = options.CacheCapacity;
        if (_cacheCapacity > 0)
        {
            _cache = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        }
    }

    /// <summary>True when <paramref name="userAgent"/> belongs to a crawler, monitor or script.</summary>
    public bool IsBot(string? userAgent)
    {
        if (!_enabled)
        {
            return false;
        }

        if (userAgent is null)
        {
            return _missingIsBot;
        }

        if (_cache is null)
        {
            return Matches(userAgent);
        }

        if (_cache.TryGetValue(userAgent, out var known))
        {
            return known;
        }

        var isBot = Matches(userAgent);
        if (_cache.TryAdd(userAgent, isBot) && Interlocked.Increment(ref _cacheCount) > _cacheCapacity)
        {
            // Clearing is the simplest bounded policy; ConcurrentDictionary.Count would take every lock.
            _cache.Clear();
            Interlocked.Exchange(ref _cacheCount, 0);
        }

        return isBot;
    }

    private bool Matches(string userAgent)
    {
        var text = userAgent.AsSpan().Trim();
        if (text.IsEmpty || text is "-")
        {
            // "-" is how access logs write a missing header.
            return _missingIsBot;
        }

        return _patterns is not null
            && text.ContainsAny(_patterns)
            && (_exceptions is null || !text.ContainsAny(_exceptions));
    }

    private static SearchValues<string>? SearchValuesOf(IEnumerable<string> values)
    {
        var patterns = values
            .Select(static value => (value ?? string.Empty).Trim())
            .Where(static value => value.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return patterns.Length == 0 ? null : SearchValues.Create(patterns, StringComparison.OrdinalIgnoreCase);
    }
}
