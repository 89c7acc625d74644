using System.Collections.Concurrent;

namespace Clickcast.Ingestion;

/// <summary>
/// The <see cref="EventNormalizer"/>s of one ingestor, one per ingest-settings fingerprint: the files of a run (and a
/// worker's next ingest jobs) share the URL and bot answers of the files before them instead of starting cold per
/// file. Safe to share between files ingested in parallel: the normalizer's caches are concurrent and bounded by
/// their <c>CacheCapacity</c>; an answer never depends on what was cached before (<c>UrlNormalizerCacheTests</c>).
/// </summary>
internal sealed class EventNormalizers
{
    /// <summary>Distinct settings kept at once; a host with more tenants (or setting changes) starts over.</summary>
    internal const int MaxSettings = 16;

    private readonly ConcurrentDictionary<string, EventNormalizer> _bySettings = new(StringComparer.Ordinal);

    /// <summary>Settings with a normalizer now (for tests of the bound).</summary>
    internal int Count => _bySettings.Count;

    /// <summary>
    /// The normalizer for <paramref name="options"/>, whose fingerprint (<see cref="IngestSettings.Fingerprint"/>) is
    /// <paramref name="settings"/>: every setting a normalizer reads is part of it.
    /// </summary>
    public EventNormalizer For(string settings, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        if (_bySettings.TryGetValue(settings, out var known))
        {
            return known;
        }

        // Counting takes every lock of the dictionary: only here, when settings are new.
        if (_bySettings.Count >= MaxSettings)
        {
            _bySettings.Clear();
        }

        return _bySettings.GetOrAdd(settings, static (_, o) => new EventNormalizer(o), options);
    }
}
