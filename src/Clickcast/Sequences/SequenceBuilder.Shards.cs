using System.Diagnostics;
using System.Globalization;
using Clickcast.Diagnostics;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Sequences;

/// <summary>
/// The sharded update: each client-hash shard is built on its own (by its own job, or a few at a time in this
/// process) from the event files of its clients, into segments named by generation and shard; a commit then puts
/// the shards side by side in one manifest, written last. A shard's memory is bounded by the shard, never the tenant.
/// </summary>
public sealed partial class SequenceBuilder
{
    /// <summary>
    /// Whether a sharded update has anything to do, and the generation it would build: null when the sequences are
    /// up to date with the events (no new file, nothing that forces a rebuild).
    /// </summary>
    public async Task<long?> PlanShardsAsync(string tenant, int shards, SequenceOptions options, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        ArgumentNullException.ThrowIfNull(options);
        var manifest = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        var files = await ListEventFilesAsync(tenant, shards, cancellationToken).ConfigureAwait(false);
        var stale = manifest is null || TenantRebuildReason(manifest, shards, options) is not null
            || !new HashSet<string>(await FoldAsync(tenant, shards, manifest.EventFiles, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal).SetEquals(files);
        return stale ? (manifest?.Generation ?? 0) + 1 : null;
    }

    /// <summary>
    /// Builds shard <paramref name="shard"/> of <paramref name="shards"/> for <paramref name="generation"/> on top of
    /// <paramref name="committed"/> (the manifest of the generation before): fully, from the shard's new event files
    /// as a delta (compacting the shard's deltas when due), or not at all when the shard has nothing new. Idempotent:
    /// its segment names depend only on the generation and the shard, and a re-run overwrites them.
    /// </summary>
    public Task<ShardBuild> BuildShardAsync(string tenant, SequenceManifest? committed, long generation, int shard, int shards, SequenceOptions options, IProgress<SequenceProgress>? progress = null, CancellationToken cancellationToken = default) =>
        BuildShardAsync(tenant, committed, generation, shard, shards, options, new BuildScratch(), progress, cancellationToken);

    /// <summary>Builds one shard with <paramref name="scratch"/>'s arrays, which the update's other shards reuse.</summary>
    private async Task<ShardBuild> BuildShardAsync(string tenant, SequenceManifest? committed, long generation, int shard, int shards, SequenceOptions options, BuildScratch scratch, IProgress<SequenceProgress>? progress, CancellationToken cancellationToken)
    {
        TenantLayout.ValidateTenant(tenant);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        var scope = new ShardScope(shard, shards);
        _ = ClientShard.Range(shard, shards); // validates both
        var files = (await ListEventFilesAsync(tenant, shards, cancellationToken).ConfigureAwait(false)).Where(f => Holds(tenant, f, scope)).ToList();
        var known = committed is null ? [] : (await FoldAsync(tenant, shards, committed.EventFiles, cancellationToken).ConfigureAwait(false)).Where(f => Holds(tenant, f, scope)).ToList();
        var reason = committed is null ? "there are no sequences yet" : TenantRebuildReason(committed, shards, options);
        if (reason is null && known.Except(files, StringComparer.Ordinal).Any())
        {
            reason = "event files that were folded in are gone";
        }

        var baseGeneration = committed?.Generation ?? 0;
        if (reason is not null)
        {
            Log.ShardFullRebuild(_logger, tenant, shard, shards, reason);
            var full = await BuildSegmentsAsync(tenant, files, generation, SegmentKind.Base, scope, options, scratch, progress, cancellationToken).ConfigureAwait(false);
            FaultInjection.Checkpoint(FaultInjection.SequencesMidShard);
            return Built(SequenceUpdateMode.Full, full.Segments, files, full.EventsRead, full);
        }

        var kept = committed!.Segments.Where(s => s.Clients > 0 && scope.Contains(s.MinHash)).ToList();
        var total = committed.ShardEvents.Count == shards ? committed.ShardEvents[shard] : 0;
        var known1 = new HashSet<string>(known, StringComparer.Ordinal);
        var added = files.Where(f => !known1.Contains(f)).ToList();
        if (added.Count == 0)
        {
            return Built(SequenceUpdateMode.UpToDate, kept, known, total, new BuildResult([], 0, 0, 0, 0));
        }

        var delta = await BuildSegmentsAsync(tenant, added, generation, SegmentKind.Delta, scope, options, scratch, progress, cancellationToken).ConfigureAwait(false);
        FaultInjection.Checkpoint(FaultInjection.SequencesMidShard);
        List<SegmentInfo> segments = [.. kept, .. delta.Segments];
        var mode = SequenceUpdateMode.Incremental;
        var deltas = segments.Count(s => s.Kind == SegmentKind.Delta);
        var deltaEvents = segments.Where(s => s.Kind == SegmentKind.Delta).Sum(s => s.Events);
        var baseEvents = segments.Where(s => s.Kind == SegmentKind.Base).Sum(s => s.Events);
        if (deltaEvents > options.CompactionRatio * Math.Max(1, baseEvents) || deltas > options.MaxDeltaSegments)
        {
            Log.Compacting(_logger, tenant, deltas, deltaEvents, baseEvents);
            var shardManifest = new SequenceManifest { MaxEvents = options.MaxEvents, Segments = segments };
            segments = [.. (await CompactAsync(tenant, shardManifest, generation, scope, options, cancellationToken).ConfigureAwait(false)).Segments];
            mode = SequenceUpdateMode.IncrementalWithCompaction;
        }

        return Built(mode, segments, [.. known, .. added], total + delta.EventsRead, delta);

        ShardBuild Built(SequenceUpdateMode mode, IReadOnlyList<SegmentInfo> segments, IReadOnlyList<string> eventFiles, long totalEvents, BuildResult result)
        {
            var build = new ShardBuild(shard, shards, baseGeneration, generation, options.MaxEvents, mode, segments, eventFiles, totalEvents, result.FilesRead, result.EventsRead, result.Clients, result.Ranges, Stopwatch.GetElapsedTime(started));
            Log.ShardBuilt(_logger, tenant, shard, shards, mode, generation, build.FilesRead, build.EventsRead, build.Duration);
            return build;
        }
    }

    /// <summary>
    /// Writes the manifest of the shards' generation (last, atomically), then removes the segments no manifest
    /// lists any more. Refuses when another generation was committed since the shards started.
    /// </summary>
    public async Task<(SequenceCommitOutcome Outcome, SequenceUpdateReport Report)> CommitShardsAsync(string tenant, IReadOnlyList<ShardBuild> builds, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        ArgumentNullException.ThrowIfNull(builds);
        ArgumentOutOfRangeException.ThrowIfZero(builds.Count);
        var generation = builds[0].Generation;
        var shards = builds[0].Shards;
        if (builds.Count != shards || builds.Select((b, i) => b.Shard == i && b.Shards == shards && b.Generation == generation && b.BaseGeneration == builds[0].BaseGeneration).Contains(false))
        {
            throw new ArgumentException("the builds are not one generation's shards, in shard order", nameof(builds));
        }

        var next = new SequenceManifest
        {
            Generation = generation,
            MaxEvents = builds[0].MaxEvents,
            Shards = shards,
            ShardEvents = [.. builds.Select(b => b.TotalEvents)],
            Segments = [.. builds.SelectMany(b => b.Segments.Where(s => s.Kind == SegmentKind.Base)), .. builds.SelectMany(b => b.Segments.Where(s => s.Kind == SegmentKind.Delta)).OrderBy(s => s.Generation)],
            EventFiles = [.. builds.SelectMany(b => b.EventFiles).Distinct(StringComparer.Ordinal)],
            TotalEvents = builds.Sum(b => b.TotalEvents),
            UpdatedAt = _time.GetUtcNow(),
        };
        var current = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        var currentGeneration = current?.Generation ?? 0;
        if (currentGeneration != builds[0].BaseGeneration)
        {
            // Ours if it lists exactly our segments (a retried commit); anything else was written by another update.
            var ours = current is not null && current.Generation == generation && current.Segments.Select(x => x.Key).SequenceEqual(next.Segments.Select(x => x.Key), StringComparer.Ordinal);
            var outcome = ours ? SequenceCommitOutcome.AlreadyCommitted : SequenceCommitOutcome.Superseded;
            Log.ShardsNotCommitted(_logger, tenant, generation, outcome, currentGeneration);
            return (outcome, Report(current ?? new SequenceManifest(), SequenceUpdateMode.UpToDate));
        }

        FaultInjection.Checkpoint(FaultInjection.SequencesBeforeManifest);
        await _store.PutJsonAsync(SequenceStore.ManifestKey(tenant), next, ClickcastJson.Indented, cancellationToken).ConfigureAwait(false);
        await DeleteUnreferencedAsync(tenant, next, cancellationToken).ConfigureAwait(false);
        var mode = builds.Any(b => b.Mode == SequenceUpdateMode.Full) ? SequenceUpdateMode.Full
            : builds.Any(b => b.Mode == SequenceUpdateMode.IncrementalWithCompaction) ? SequenceUpdateMode.IncrementalWithCompaction
            : SequenceUpdateMode.Incremental;
        var report = Report(next, mode);
        Log.Updated(_logger, tenant, mode, generation, report.EventFilesRead, report.EventsRead, report.ClientsUpdated, duration);
        return (SequenceCommitOutcome.Committed, report);

        SequenceUpdateReport Report(SequenceManifest manifest, SequenceUpdateMode mode) => new(
            tenant, mode, manifest.Generation, builds.Sum(b => b.FilesRead), builds.Sum(b => b.EventsRead), builds.Sum(b => b.Clients), builds.Sum(b => b.Ranges), manifest.Segments.Count, duration);
    }

    /// <summary>
    /// A sharded update in this process: the shards are built <see cref="SequenceOptions.MaxParallelism"/> at a
    /// time (each on one thread, so memory holds that many shards at most), then committed.
    /// </summary>
    public async Task<SequenceUpdateReport> UpdateAsync(string tenant, int shards, SequenceOptions options, IProgress<SequenceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (shards == 1)
        {
            return await UpdateAsync(tenant, options, progress, cancellationToken).ConfigureAwait(false);
        }

        var started = Stopwatch.GetTimestamp();
        var generation = await PlanShardsAsync(tenant, shards, options, cancellationToken).ConfigureAwait(false);
        var committed = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (generation is null)
        {
            return new SequenceUpdateReport(tenant, SequenceUpdateMode.UpToDate, committed!.Generation, 0, 0, 0, 0, committed.Segments.Count, Stopwatch.GetElapsedTime(started));
        }

        var single = new SequenceOptions { MaxEvents = options.MaxEvents, EventsPerRange = options.EventsPerRange, CompactionRatio = options.CompactionRatio, MaxDeltaSegments = options.MaxDeltaSegments, MaxParallelism = 1 };
        var builds = new ShardBuild[shards];
        var scratch = new BuildScratch();
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, shards), parallel, async (shard, token) =>
        {
            builds[shard] = await BuildShardAsync(tenant, committed, generation.Value, shard, shards, single, scratch, progress: null, token).ConfigureAwait(false);
            progress?.Report(new SequenceProgress("building shards", Interlocked.Increment(ref done), shards));
        }).ConfigureAwait(false);
        var (outcome, report) = await CommitShardsAsync(tenant, builds, Stopwatch.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
        return outcome == SequenceCommitOutcome.Committed ? report
            : throw new InvalidOperationException($"sequences of '{tenant}': another update committed generation {report.Generation} meanwhile");
    }

    /// <summary>Why every shard must be rebuilt, or null: settings or the shard count changed since the committed manifest.</summary>
    private static string? TenantRebuildReason(SequenceManifest manifest, int shards, SequenceOptions options) => manifest switch
    {
        { Layout: not SequenceManifest.CurrentLayout } => "the sequence layout changed",
        _ when manifest.MaxEvents != options.MaxEvents => $"the per-client cap changed from {manifest.MaxEvents} to {options.MaxEvents}",
        _ when manifest.Shards != shards => $"the shard count changed from {manifest.Shards} to {shards}",
        _ => null,
    };

    /// <summary>
    /// The keys of the tenant's event files in the layout of <paramref name="shards"/> shards, ordered: files of another
    /// count (a re-shard in progress, or its leftovers) are never mixed in (<see cref="EventLayout"/>).
    /// </summary>
    private async Task<List<string>> ListEventFilesAsync(string tenant, int shards, CancellationToken cancellationToken)
    {
        var files = (await EventLayout.ListAsync(_store, tenant, shards, cancellationToken).ConfigureAwait(false)).Select(f => f.ToKey(tenant)).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// The event files a manifest folded in, in terms of the files stored now: compacted files whose every row it read
    /// replace the files they hold (<see cref="EventFold"/>), so that a compaction alone is no new event and no rebuild.
    /// </summary>
    private async Task<IReadOnlyList<string>> FoldAsync(string tenant, int shards, IReadOnlyList<string> known, CancellationToken cancellationToken) =>
        EventFold.Fold(tenant, known, await EventLayout.ListFoldersAsync(_store, tenant, shards, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Whether an event file may hold events of the scope's clients: a file of the sharded layout only for its own
    /// shard, a file of the one-shard layout (a manifest written before sharding) for every shard.
    /// </summary>
    private static bool Holds(string tenant, string key, ShardScope scope) =>
        !EventFileKey.TryParse(tenant, key, out var file) || file.Value.Shards != scope.Shards || file.Value.Shard == scope.Shard;
}
