using System.Collections.Concurrent;
using Clickcast.Events;
using Clickcast.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clickcast.Sequences;

/// <summary>
/// One client's stored sequence in milliseconds, for real-time scoring: the segments that can hold the client (by
/// hash range) are read once and kept in memory, indexed by client id, up to <see cref="MaxCachedEvents"/> events
/// (least recently used segments go first). Segments are immutable (a build writes new keys), so a cached segment
/// never goes stale. The manifest that lists them (<see cref="ManifestAsync"/>, shared with the warm champions) is
/// re-read once per <see cref="ManifestRecheck"/> in the background, never while a request waits (but the very first
/// time): a new build's segments are loaded before its manifest replaces the old one, and a tenant's segments start
/// loading as soon as its manifest is first read, so a request never pays for reading a segment file when the budget
/// holds them all.
/// </summary>
public sealed class SequenceLookup
{
    private readonly SequenceStore _sequences;
    private readonly IObjectStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (SequenceManifest? Manifest, DateTimeOffset ReadAt)> _manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _background = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<Dictionary<string, ClientSequence>>>> _segments = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, long Events)> _recent = new();
    private readonly Lock _gate = new();
    private long _cachedEvents;

    public SequenceLookup(IObjectStore store, TimeProvider timeProvider, ILogger<SequenceLookup>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        (_store, _sequences, _time, _logger) = (store, new SequenceStore(store), timeProvider, logger ?? NullLogger<SequenceLookup>.Instance);
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

    /// <summary>
    /// The tenant's sequence manifest as last read (null when it has none): read now only the first time; after
    /// <see cref="ManifestRecheck"/> the answer stays the old one while a background read (one per tenant) fetches the
    /// new one and loads its new segments.
    /// </summary>
    public async Task<SequenceManifest?> ManifestAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (_manifests.TryGetValue(tenant, out var cached))
        {
            if (_time.GetUtcNow() - cached.ReadAt >= ManifestRecheck)
            {
                Background(tenant, () => RefreshAsync(tenant));
            }

            return cached.Manifest;
        }

        var now = _time.GetUtcNow();
        var manifest = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (_manifests.TryAdd(tenant, (manifest, now)) && manifest is not null)
        {
            Background(tenant, () => PreloadAsync(manifest));
        }

        return _manifests.TryGetValue(tenant, out var current) ? current.Manifest : manifest;
    }

    /// <summary>The tenant's background manifest read or segment preload, if one runs (tests wait for it).</summary>
    internal Task IdleAsync(string tenant) => _background.TryGetValue(tenant, out var running) ? running : Task.CompletedTask;

    private void Background(string tenant, Func<Task> work)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_background.TryAdd(tenant, gate.Task))
        {
            return; // one at a time per tenant
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The old manifest and segments keep answering; the next recheck tries again.
                Log.ManifestRefreshFailed(_logger, tenant, e);
            }
            finally
            {
                _background.TryRemove(tenant, out _);
                gate.SetResult();
            }
        });
    }

    private async Task RefreshAsync(string tenant)
    {
        var now = _time.GetUtcNow();
        var manifest = await _sequences.GetManifestAsync(tenant, CancellationToken.None).ConfigureAwait(false);
        if (manifest is not null)
        {
            await PreloadAsync(manifest).ConfigureAwait(false); // requests keep the old segments until the new ones are in memory
        }

        _manifests[tenant] = (manifest, now);
    }

    /// <summary>Loads a manifest's segments into the cache, as many as its budget holds.</summary>
    private async Task PreloadAsync(SequenceManifest manifest)
    {
        long events = 0;
        foreach (var segment in manifest.Segments)
        {
            events += segment.Events;
            if (events > MaxCachedEvents)
            {
                return;
            }

            await SegmentAsync(segment, CancellationToken.None).ConfigureAwait(false);
        }
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
