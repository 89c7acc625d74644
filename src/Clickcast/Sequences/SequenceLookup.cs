using System.Collections.Concurrent;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Sequences;

/// <summary>
/// One client's stored sequence in milliseconds, for real-time scoring: the segments that can hold the client (by
/// hash range) are read once and kept in memory, indexed by client id, up to <see cref="MaxCachedEvents"/> events
/// (least recently used segments go first). Segments are immutable (a build writes new keys), so a cached segment
/// never goes stale; the manifest that lists them is re-read at most once per <see cref="ManifestRecheck"/>.
/// </summary>
public sealed class SequenceLookup
{
    private readonly SequenceStore _sequences;
    private readonly IObjectStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (SequenceManifest? Manifest, DateTimeOffset ReadAt)> _manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Dictionary<string, ClientSequence>>>> _segments = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, long Events)> _recent = new();
    private readonly Lock _gate = new();
    private long _cachedEvents;

    public SequenceLookup(IObjectStore store, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        (_store, _sequences, _time) = (store, new SequenceStore(store), timeProvider);
    }

    /// <summary>Events kept in memory across all tenants' cached segments; a segment larger than this is read for each lookup.</summary>
    public long MaxCachedEvents { get; init; } = 5_000_000;

    /// <summary>How stale the list of segments (a new sequence build) may be.</summary>
    public TimeSpan ManifestRecheck { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events held in memory now.</summary>
    public long CachedEvents => Interlocked.Read(ref _cachedEvents);

    /// <summary>The client's sequence (fragments of base and delta segments combined, as a full read would), or null.</summary>
    public async Task<ClientSequence?> FindAsync(string tenant, string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var manifest = await ManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return null;
        }

        var hash = ClientHash.Of(clientId);
        var fragments = new List<ClientSequence>();
        foreach (var segment in manifest.Segments.Where(s => s.MinHash <= hash && hash <= s.MaxHash).OrderBy(s => s.Kind == SegmentKind.Base ? 0 : 1))
        {
            var index = await SegmentAsync(segment, cancellationToken).ConfigureAwait(false);
            if (index.TryGetValue(clientId, out var fragment))
            {
                fragments.Add(fragment);
            }
        }

        if (fragments.Count <= 1)
        {
            return fragments.FirstOrDefault();
        }

        await foreach (var merged in SequenceStore.MergeAsync([.. fragments.Select(One)], manifest.MaxEvents, cancellationToken).ConfigureAwait(false))
        {
            return merged;
        }

        return null;
    }

    private static async IAsyncEnumerable<ClientSequence> One(ClientSequence sequence)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return sequence;
    }

    private async Task<SequenceManifest?> ManifestAsync(string tenant, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_manifests.TryGetValue(tenant, out var cached) && now - cached.ReadAt < ManifestRecheck)
        {
            return cached.Manifest;
        }

        var manifest = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        _manifests[tenant] = (manifest, now);
        return manifest;
    }

    private async Task<Dictionary<string, ClientSequence>> SegmentAsync(SegmentInfo segment, CancellationToken cancellationToken)
    {
        if (segment.Events > MaxCachedEvents)
        {
            return await ReadAsync(segment.Key, cancellationToken).ConfigureAwait(false);
        }

        var lazy = _segments.GetOrAdd(segment.Key, key => new Lazy<Task<Dictionary<string, ClientSequence>>>(() => LoadAsync(key, segment.Events)));
        try
        {
            var index = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            Touch(segment.Key);
            return index;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _segments.TryRemove(new KeyValuePair<string, Lazy<Task<Dictionary<string, ClientSequence>>>>(segment.Key, lazy));
            throw;
        }
    }

    private async Task<Dictionary<string, ClientSequence>> LoadAsync(string key, long events)
    {
        var index = await ReadAsync(key, CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            _recent.AddFirst((key, events));
            _cachedEvents += events;
            while (_cachedEvents > MaxCachedEvents && _recent.Last is { } oldest && oldest.Value.Key != key)
            {
                _recent.RemoveLast();
                _cachedEvents -= oldest.Value.Events;
                _segments.TryRemove(oldest.Value.Key, out _);
            }
        }

        return index;
    }

    private void Touch(string key)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    if (node != _recent.First)
                    {
                        _recent.Remove(node);
                        _recent.AddFirst(node);
                    }

                    return;
                }
            }
        }
    }

    private async Task<Dictionary<string, ClientSequence>> ReadAsync(string key, CancellationToken cancellationToken)
    {
        using var copy = await _store.GetLocalCopyAsync(key, cancellationToken).ConfigureAwait(false);
        var index = new Dictionary<string, ClientSequence>(StringComparer.Ordinal);
        await foreach (var sequence in SegmentReader.ReadAsync(copy.Path, new StringPool(), cancellationToken).ConfigureAwait(false))
        {
            index[sequence.ClientId] = sequence;
        }

        return index;
    }
}
