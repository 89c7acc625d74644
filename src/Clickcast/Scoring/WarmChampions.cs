using System.Collections.Concurrent;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Storage;
using Microsoft.Extensions.Logging;

namespace Clickcast.Scoring;

/// <summary>
/// Each task's champion, held warm in memory for real-time scoring. A request checks the registry at most once per
/// <see cref="RecheckInterval"/>; when the champion changed (a promotion or a rollback, in this process or another)
/// the new one is loaded while requests keep using the old, then swapped in atomically, and the old one is
/// disposed once its last request finishes. The score distribution and the data's "now" refresh on the same beat.
/// </summary>
public sealed class WarmChampions : IDisposable
{
    private readonly ConcurrentDictionary<(string Tenant, string Task), Slot> _slots = new();
    private readonly ModelRegistry _registry;
    private readonly ModelStore _models;
    private readonly Scorer _scorer;
    private readonly SequenceStore _sequences;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public WarmChampions(ModelRegistry registry, ModelStore models, Scorer scorer, IObjectStore store, TimeProvider timeProvider, ILogger<WarmChampions> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        (_registry, _models, _scorer, _sequences, _time, _logger) = (registry, models, scorer, new SequenceStore(store), timeProvider, logger);
    }

    /// <summary>How stale the registry pointer, the score distribution and the data's "now" may be.</summary>
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A lease on the task's champion, or null when the task has none.</summary>
    public async Task<WarmChampionLease?> AcquireAsync(string tenant, string task, CancellationToken cancellationToken = default)
    {
        var slot = _slots.GetOrAdd((tenant, task), static _ => new Slot());
        while (true)
        {
            var snapshot = Volatile.Read(ref slot.Current);
            if (snapshot is null || _time.GetUtcNow() - snapshot.CheckedAt >= RecheckInterval)
            {
                snapshot = await RefreshAsync(slot, tenant, task, cancellationToken).ConfigureAwait(false);
            }

            if (snapshot.Champion is null)
            {
                return null;
            }

            if (snapshot.Champion.TryAddReference())
            {
                return new WarmChampionLease(snapshot.Champion, snapshot.Distribution, snapshot.LatestEventMicros);
            }

            // Replaced and disposed between the read and the reference: the slot holds a newer one now.
        }
    }

    /// <summary>Makes the next request re-read the registry (a promotion or rollback in this process takes effect at once).</summary>
    public void Invalidate(string tenant, string task)
    {
        if (_slots.TryGetValue((tenant, task), out var slot) && Volatile.Read(ref slot.Current) is { } current)
        {
            Interlocked.CompareExchange(ref slot.Current, current with { CheckedAt = DateTimeOffset.MinValue }, current);
        }
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            Interlocked.Exchange(ref slot.Current, null)?.Champion?.Release();
            slot.Refresh.Dispose();
        }

        _slots.Clear();
    }

    private async Task<Snapshot> RefreshAsync(Slot slot, string tenant, string task, CancellationToken cancellationToken)
    {
        await slot.Refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Volatile.Read(ref slot.Current);
            if (current is not null && _time.GetUtcNow() - current.CheckedAt < RecheckInterval)
            {
                return current; // another request refreshed it while this one waited
            }

            var pointer = await _registry.GetChampionAsync(tenant, task, cancellationToken).ConfigureAwait(false);
            var champion = current?.Champion;
            if (pointer is null)
            {
                champion = null;
            }
            else if (champion is null || champion.Version != pointer.Version)
            {
                var model = await _models.LoadAsync(pointer.FolderKey, cancellationToken).ConfigureAwait(false);
                champion = new WarmChampion(model, pointer.Version);
                Log.ChampionWarmed(_logger, tenant, task, pointer.Version, current?.Champion?.Version);
            }

            var state = await _scorer.GetStateAsync(tenant, task, cancellationToken).ConfigureAwait(false);
            var manifest = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
            var distribution = state is not null && champion is not null && state.ModelVersion == champion.Version ? state.Distribution : null;
            var next = new Snapshot(champion, distribution, manifest?.LatestEventMicros ?? long.MinValue, _time.GetUtcNow());
            Volatile.Write(ref slot.Current, next);
            if (current?.Champion is { } previous && !ReferenceEquals(previous, champion))
            {
                previous.Release(); // the cache's own reference; in-flight requests keep theirs
            }

            return next;
        }
        finally
        {
            slot.Refresh.Release();
        }
    }

    private sealed class Slot
    {
#pragma warning disable SA1401 // Fields should be private: read and swapped with Volatile/Interlocked
        public Snapshot? Current;
#pragma warning restore SA1401

        public SemaphoreSlim Refresh { get; } = new(1, 1);
    }

    private sealed record Snapshot(WarmChampion? Champion, ScoreDistribution? Distribution, long LatestEventMicros, DateTimeOffset CheckedAt);
}
