using System.Collections.Concurrent;
using Clickcast.Registry;
using Clickcast.Sequences;
using Microsoft.Extensions.Logging;

namespace Clickcast.Scoring;

/// <summary>
/// Each task's champion, held warm in memory for real-time scoring. The registry, the score distribution and the
/// data's "now" (the sequence manifest, read through <see cref="SequenceLookup"/>: one watcher for both) are re-read
/// once per <see cref="RecheckInterval"/> in the background, one read per task at a time: a request never waits for
/// the metadata database or the object store, except the task's very first one and the first after
/// <see cref="Invalidate"/>. When the champion changed (a promotion or a rollback, in this process or another) the new
/// one is loaded while requests keep using the old, then swapped in atomically, and the old one is disposed once its
/// last request finishes.
/// </summary>
public sealed class WarmChampions : IDisposable
{
    private readonly ConcurrentDictionary<(string Tenant, string Task), Slot> _slots = new();
    private readonly ModelRegistry _registry;
    private readonly ModelStore _models;
    private readonly Scorer _scorer;
    private readonly SequenceLookup _sequences;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _disposed;

    public WarmChampions(ModelRegistry registry, ModelStore models, Scorer scorer, SequenceLookup sequences, TimeProvider timeProvider, ILogger<WarmChampions> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        (_registry, _models, _scorer, _sequences, _time, _logger) = (registry, models, scorer, sequences, timeProvider, logger);
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
            if (snapshot is null || snapshot.Invalidated)
            {
                snapshot = await RefreshAsync(slot, tenant, task, cancellationToken).ConfigureAwait(false);
            }
            else if (_time.GetUtcNow() - snapshot.CheckedAt >= RecheckInterval)
            {
                RefreshInBackground(slot, tenant, task);
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
        if (!_slots.TryGetValue((tenant, task), out var slot))
        {
            return;
        }

        Interlocked.Increment(ref slot.Invalidations); // a re-read already past the registry must not undo this
        if (Volatile.Read(ref slot.Current) is { } current)
        {
            Interlocked.CompareExchange(ref slot.Current, current with { CheckedAt = DateTimeOffset.MinValue, Invalidated = true }, current);
        }
    }

    /// <summary>The task's background re-read, if one runs (tests wait for it).</summary>
    internal Task IdleAsync(string tenant, string task) =>
        _slots.TryGetValue((tenant, task), out var slot) && Volatile.Read(ref slot.Background) is { } running ? running : Task.CompletedTask;

    public void Dispose()
    {
        _disposed = true;
        foreach (var slot in _slots.Values)
        {
            Interlocked.Exchange(ref slot.Current, null)?.Champion?.Release();
            slot.Refresh.Dispose();
        }

        _slots.Clear();
    }

    private void RefreshInBackground(Slot slot, string tenant, string task)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref slot.Background, done.Task, null) is not null)
        {
            return; // one at a time per task
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(slot, tenant, task, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (!_disposed)
            {
                // Requests keep the champion they have; the next recheck tries again.
                Log.ChampionRecheckFailed(_logger, tenant, task, e);
            }
            catch (Exception) when (_disposed)
            {
                // Shutting down.
            }
            finally
            {
                Volatile.Write(ref slot.Background, null);
                done.SetResult();
            }
        });
    }

    private async Task<Snapshot> RefreshAsync(Slot slot, string tenant, string task, CancellationToken cancellationToken)
    {
        await slot.Refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var invalidations = Volatile.Read(ref slot.Invalidations);
            var current = Volatile.Read(ref slot.Current);
            if (current is not null && !current.Invalidated && _time.GetUtcNow() - current.CheckedAt < RecheckInterval)
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
            var manifest = await _sequences.ManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
            var distribution = state is not null && champion is not null && state.ModelVersion == champion.Version ? state.Distribution : null;
            var next = new Snapshot(champion, distribution, manifest?.LatestEventMicros ?? long.MinValue, _time.GetUtcNow(), Invalidated: Volatile.Read(ref slot.Invalidations) != invalidations);
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

        public Task? Background;

        public int Invalidations;
#pragma warning restore SA1401

        public SemaphoreSlim Refresh { get; } = new(1, 1);
    }

    private sealed record Snapshot(WarmChampion? Champion, ScoreDistribution? Distribution, long LatestEventMicros, DateTimeOffset CheckedAt, bool Invalidated);
}
