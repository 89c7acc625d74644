using System.Diagnostics;
using System.Globalization;
using Clickcast.Events;
using Clickcast.Storage;
using Microsoft.Extensions.Logging;

namespace Clickcast.Sequences;

/// <summary>
/// Secondary processing: keeps each tenant's per-client sequences up to date with its events. The first update
/// builds everything; later ones read only the new event files and write the sequences of the clients they touch
/// as a delta segment (merged in by <see cref="SequenceStore"/>), compacting deltas into the base from time to time.
/// Memory stays flat: events are split by client-hash range and one range is built at a time per worker.
/// </summary>
/// <remarks>One update per tenant at a time: the job queue never claims a tenant's second <c>Sequences</c> job while one runs (the claim rule <c>JobExclusions</c> of the job queue).</remarks>
public sealed partial class SequenceBuilder
{
    private readonly IObjectStore _store;
    private readonly SequenceStore _sequences;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SequenceBuilder(IObjectStore store, TimeProvider timeProvider, ILogger<SequenceBuilder> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _sequences = new SequenceStore(store);
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Brings the tenant's sequences up to date with its event files.</summary>
    public async Task<SequenceUpdateReport> UpdateAsync(string tenant, SequenceOptions options, IProgress<SequenceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        var manifest = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        var files = await ListEventFilesAsync(tenant, 1, cancellationToken).ConfigureAwait(false);
        var folded = manifest is null ? [] : await FoldAsync(tenant, 1, manifest.EventFiles, cancellationToken).ConfigureAwait(false);

        var fullReason = manifest switch
        {
            null => "there are no sequences yet",
            { Layout: not SequenceManifest.CurrentLayout } => "the sequence layout changed",
            { Shards: not 1 } => $"the shard count changed from {manifest.Shards} to 1",
            _ when manifest.MaxEvents != options.MaxEvents => $"the per-client cap changed from {manifest.MaxEvents} to {options.MaxEvents}",
            _ when folded.Except(files, StringComparer.Ordinal).Any() => "event files that were folded in are gone",
            _ => null,
        };

        var generation = (manifest?.Generation ?? 0) + 1;
        SequenceManifest next;
        BuildResult built;
        SequenceUpdateMode mode;
        if (fullReason is not null)
        {
            Log.FullRebuild(_logger, tenant, fullReason);
            built = await BuildSegmentsAsync(tenant, files, generation, SegmentKind.Base, ShardScope.All, options, new BuildScratch(), progress, cancellationToken).ConfigureAwait(false);
            next = new SequenceManifest { Generation = generation, MaxEvents = options.MaxEvents, Segments = built.Segments, EventFiles = files, TotalEvents = built.EventsRead, UpdatedAt = _time.GetUtcNow() };
            mode = SequenceUpdateMode.Full;
        }
        else
        {
            var known = new HashSet<string>(folded, StringComparer.Ordinal);
            ArgumentNullException.ThrowIfNull(manifest); // a full rebuild otherwise
            var added = files.Where(f => !known.Contains(f)).ToList();
            if (added.Count == 0)
            {
                return new SequenceUpdateReport(tenant, SequenceUpdateMode.UpToDate, manifest.Generation, 0, 0, 0, 0, manifest.Segments.Count, Stopwatch.GetElapsedTime(started));
            }

            built = await BuildSegmentsAsync(tenant, added, generation, SegmentKind.Delta, ShardScope.All, options, new BuildScratch(), progress, cancellationToken).ConfigureAwait(false);
            next = manifest with
            {
                Generation = generation,
                Segments = [.. manifest.Segments, .. built.Segments],
                EventFiles = [.. folded, .. added],
                TotalEvents = manifest.TotalEvents + built.EventsRead,
                UpdatedAt = _time.GetUtcNow(),
            };
            mode = SequenceUpdateMode.Incremental;
            var deltas = next.Segments.Count(s => s.Kind == SegmentKind.Delta);
            if (next.DeltaEvents > options.CompactionRatio * Math.Max(1, next.BaseEvents) || deltas > options.MaxDeltaSegments)
            {
                Log.Compacting(_logger, tenant, deltas, next.DeltaEvents, next.BaseEvents);
                next = await CompactAsync(tenant, next, generation + 1, ShardScope.All, options, cancellationToken).ConfigureAwait(false);
                mode = SequenceUpdateMode.IncrementalWithCompaction;
            }
        }

        Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.SequencesBeforeManifest);
        await _store.PutJsonAsync(SequenceStore.ManifestKey(tenant), next, ClickcastJson.Indented, cancellationToken).ConfigureAwait(false);
        await DeleteUnreferencedAsync(tenant, next, cancellationToken).ConfigureAwait(false);
        var report = new SequenceUpdateReport(tenant, mode, next.Generation, built.FilesRead, built.EventsRead, built.Clients, built.Ranges, next.Segments.Count, Stopwatch.GetElapsedTime(started));
        Log.Updated(_logger, tenant, mode, next.Generation, report.EventFilesRead, report.EventsRead, report.ClientsUpdated, report.Duration);
        return report;
    }

    /// <summary>Merges every segment into new base segments of about <see cref="SequenceOptions.EventsPerRange"/> events each.</summary>
    private async Task<SequenceManifest> CompactAsync(string tenant, SequenceManifest manifest, long generation, ShardScope scope, SequenceOptions options, CancellationToken cancellationToken)
    {
        var folder = NewTempFolder();
        try
        {
            var segments = new List<SegmentInfo>();

            // One set of column buffers for every segment written: a fresh set per segment was ~50 MB of
            // large-object garbage each, and a tenant's compaction writes one segment per EventsPerRange events.
            var columns = new SegmentColumns();
            SegmentWriter? writer = null;
            string? path = null;
            async Task CloseAsync()
            {
                if (writer is null)
                {
                    return;
                }

                await writer.DisposeAsync().ConfigureAwait(false);
                segments.Add(await UploadAsync(tenant, path!, writer, SegmentKind.Base, generation, scope, segments.Count, cancellationToken).ConfigureAwait(false));
                writer = null;
            }

            await foreach (var sequence in _sequences.ReadAsync(manifest, cancellationToken).ConfigureAwait(false))
            {
                if (writer is not null && writer.Events >= options.EventsPerRange)
                {
                    await CloseAsync().ConfigureAwait(false);
                }

                if (writer is null)
                {
                    path = Path.Combine(folder, segments.Count.ToString(CultureInfo.InvariantCulture) + ".parquet");
                    writer = await SegmentWriter.CreateAsync(path, columns, cancellationToken).ConfigureAwait(false);
                }

                await writer.AddAsync(sequence, cancellationToken).ConfigureAwait(false);
            }

            await CloseAsync().ConfigureAwait(false);
            return manifest with { Generation = generation, Segments = segments, UpdatedAt = _time.GetUtcNow() };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Removes segment objects the manifest no longer lists (replaced by compaction or left by a crash).</summary>
    private async Task DeleteUnreferencedAsync(string tenant, SequenceManifest manifest, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(manifest.Segments.Select(s => s.Key), StringComparer.Ordinal);
        var stale = new List<string>();
        await foreach (var item in _store.ListAsync(SegmentPrefix(tenant), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!referenced.Contains(item.Key))
            {
                stale.Add(item.Key);
            }
        }

        foreach (var key in stale)
        {
            await _store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SegmentInfo> UploadAsync(string tenant, string path, SegmentWriter writer, SegmentKind kind, long generation, ShardScope scope, int index, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{SegmentPrefix(tenant)}g{generation:D8}-{scope.SegmentTag}{kind.ToString().ToLowerInvariant()}-{index:D4}.parquet");
        if (_store is LocalObjectStore local)
        {
            local.MoveFileIn(path, key);
        }
        else
        {
            await _store.PutFileAsync(key, path, cancellationToken).ConfigureAwait(false);
        }

        return new SegmentInfo(key, kind, generation, writer.Clients, writer.Events, writer.Clients == 0 ? 0 : writer.MinHash, writer.MaxHash, writer.LastEventMicros);
    }

    private static string SegmentPrefix(string tenant) => TenantLayout.Sequences(tenant) + "segments/";

    private static string NewTempFolder()
    {
        return ScratchSpace.Process.CreateFolder("sequences");
    }
}
