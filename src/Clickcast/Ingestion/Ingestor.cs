using System.Diagnostics;
using Clickcast.Diagnostics;
using Clickcast.Events;
using Clickcast.Storage;
using Microsoft.Extensions.Logging;

namespace Clickcast.Ingestion;

/// <summary>
/// Primary processing: turns a tenant's raw clickstream files into normalized events, Parquet per period, exactly
/// once per file version. A bad file is quarantined with its reason; every other file proceeds.
/// </summary>
public sealed partial class Ingestor
{
    private readonly IObjectStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IngestLedger _ledger;
    private readonly EventCompaction _compaction;
    private readonly EventNormalizers _normalizers = new();

    public Ingestor(IObjectStore store, TimeProvider timeProvider, ILogger<Ingestor> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _time = timeProvider;
        _logger = logger;
        _ledger = new IngestLedger(store);
        _compaction = new EventCompaction(store);
    }

    /// <summary>The normalizers the files ingested by this instance share, one per ingest settings.</summary>
    internal EventNormalizers Normalizers => _normalizers;

    /// <summary>The managed heap each source file's writers keep within their buffers' bound (this process's by default).</summary>
    internal IngestHeap Heap { get; init; } = IngestHeap.Process;

    /// <summary>
    /// Ingests the given source objects, or, when <paramref name="keys"/> is null, every object under the tenant's
    /// <c>raw/</c> prefix that has not been ingested yet.
    /// </summary>
    public Task<IngestRunReport> IngestAsync(
        string tenant,
        IngestOptions options,
        IReadOnlyList<string>? keys = null,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        IngestAsync(tenant, options, IngestRedo.None, keys, progress, cancellationToken);

    /// <summary>
    /// Ingests like <see cref="IngestAsync(string, IngestOptions, IReadOnlyList{string}?, IProgress{IngestProgress}?, CancellationToken)"/>,
    /// processing again the files <paramref name="redo"/> names.
    /// </summary>
    public Task<IngestRunReport> IngestAsync(
        string tenant,
        IngestOptions options,
        IngestRedo redo,
        IReadOnlyList<string>? keys = null,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        IngestAsync(tenant, options, redo, 1, keys, progress, cancellationToken);

    /// <summary>
    /// Ingests like <see cref="IngestAsync(string, IngestOptions, IngestRedo, IReadOnlyList{string}?, IProgress{IngestProgress}?, CancellationToken)"/>
    /// into the layout of a tenant with <paramref name="shards"/> client-hash shards.
    /// </summary>
    public async Task<IngestRunReport> IngestAsync(
        string tenant,
        IngestOptions options,
        IngestRedo redo,
        int shards,
        IReadOnlyList<string>? keys = null,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        if (keys is null)
        {
            var listed = new List<string>();
            await foreach (var item in _store.ListAsync(TenantLayout.Raw(tenant), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                listed.Add(item.Key);
            }

            keys = listed;
        }

        var reports = new FileIngestReport[keys.Count];
        var done = 0;
        long rows = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelFiles, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), parallel, async (index, token) =>
        {
            var report = await IngestFileAsync(tenant, keys[index], options, redo, shards, token).ConfigureAwait(false);
            reports[index] = report;
            var totalRows = Interlocked.Add(ref rows, report.RowsRead);
            progress?.Report(new IngestProgress(Interlocked.Increment(ref done), keys.Count, totalRows));
        }).ConfigureAwait(false);

        var run = new IngestRunReport(tenant, reports, Stopwatch.GetElapsedTime(started));
        Log.RunFinished(_logger, tenant, run.Ingested, run.AlreadyIngested, run.Quarantined, run.RowsKept, run.Duration);
        return run;
    }

    /// <summary>Ingests one source object (idempotent: a version ingested before with the same settings is skipped).</summary>
    public Task<FileIngestReport> IngestFileAsync(string tenant, string key, IngestOptions options, CancellationToken cancellationToken = default) =>
        IngestFileAsync(tenant, key, options, IngestRedo.None, cancellationToken);

    /// <summary>
    /// Ingests one source object. A version ingested before is skipped unless the ingest settings changed since or
    /// <paramref name="redo"/> asks for it; then its earlier events are replaced, never doubled. A key whose bytes
    /// were ingested before under another key is skipped under <see cref="DuplicateContentPolicy.Skip"/>.
    /// </summary>
    public Task<FileIngestReport> IngestFileAsync(string tenant, string key, IngestOptions options, IngestRedo redo, CancellationToken cancellationToken = default) =>
        IngestFileAsync(tenant, key, options, redo, 1, cancellationToken);

    /// <summary>
    /// Ingests one source object like <see cref="IngestFileAsync(string, string, IngestOptions, IngestRedo, CancellationToken)"/>,
    /// writing its events into the layout of a tenant with <paramref name="shards"/> client-hash shards
    /// (<see cref="EventFileKey"/>): one file per period and shard.
    /// </summary>
    public async Task<FileIngestReport> IngestFileAsync(string tenant, string key, IngestOptions options, IngestRedo redo, int shards, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(options);
        if (!ClientShard.IsValidCount(shards))
        {
            throw new ArgumentOutOfRangeException(nameof(shards), shards, $"a shard count is a power of two from 1 to {ClientShard.MaxShards}");
        }

        var startedAt = _time.GetUtcNow();
        var settings = IngestSettings.Fingerprint(options);
        var info = await _store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new ObjectNotFoundException(key);
        var record = await _ledger.FindAsync(tenant, key, cancellationToken).ConfigureAwait(false);
        var known = record?.Versions.LastOrDefault(v => v.Size == info.Size && v.ETags.Contains(info.ETag));
        if (known is not null && !NeedsRedo(known, settings, redo))
        {
            Log.FileAlreadyIngested(_logger, key);
            return Skipped(known.Report, startedAt);
        }

        using var copy = await _store.GetLocalCopyAsync(key, cancellationToken).ConfigureAwait(false);
        var contentSha = await HashFileAsync(copy.Path, cancellationToken).ConfigureAwait(false);
        var sameContent = record?.Versions.LastOrDefault(v => v.ContentSha256 == contentSha);
        if (sameContent is not null && !NeedsRedo(sameContent, settings, redo))
        {
            // Same bytes under a new version tag (a re-upload): remember the tag, add nothing.
            var versions = record!.Versions.Select(v => v == sameContent ? v with { ETags = [.. v.ETags, info.ETag] } : v).ToList();
            await _ledger.SaveAsync(tenant, record with { Versions = versions }, cancellationToken).ConfigureAwait(false);
            Log.FileAlreadyIngested(_logger, key);
            return Skipped(sameContent.Report, startedAt);
        }

        if (sameContent is null && options.DuplicateContent == DuplicateContentPolicy.Skip
            && await FindDuplicateAsync(tenant, key, contentSha, cancellationToken).ConfigureAwait(false) is { } original)
        {
            var duplicate = new FileIngestReport
            {
                Key = key,
                Status = IngestStatus.DuplicateContent,
                ContentSha256 = contentSha,
                Bytes = info.Size,
                Error = $"the same bytes were ingested before as {original}; skipped so that no event counts twice (ingest.duplicateContent: Skip)",
                StartedAt = startedAt,
                Duration = _time.GetUtcNow() - startedAt,
            };
            await _ledger.SaveAsync(tenant, new IngestLedgerRecord(key, [.. record?.Versions ?? [], new IngestLedgerVersion(contentSha, [info.ETag], info.Size, duplicate, settings)]), cancellationToken).ConfigureAwait(false);
            Log.DuplicateContentSkipped(_logger, key, original);
            return duplicate;
        }

        // Events of earlier runs over these bytes (other settings, or an ingest killed half-way) are replaced.
        var replaced = (record?.Versions.Where(v => v.ContentSha256 == contentSha).SelectMany(v => v.Report.Outputs) ?? [])
            .Concat(record?.PendingOutputs ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        replaced = await InLayoutAsync(tenant, replaced, shards, cancellationToken).ConfigureAwait(false);
        var report = await ProcessAsync(tenant, key, copy.Path, contentSha, settings, options, shards, startedAt, async (outputs, token) =>
        {
            // Rows of these sources inside compacted files leave them first: the source's own files then hold all of them.
            await _compaction.ReleaseAsync(tenant, replaced.Union(outputs, StringComparer.Ordinal), token).ConfigureAwait(false);
            await _ledger.SaveAsync(tenant, (record ?? new IngestLedgerRecord(key, [])) with { PendingOutputs = [.. replaced.Union(outputs, StringComparer.Ordinal)] }, token).ConfigureAwait(false);
            await DeleteAsync(replaced.Except(outputs, StringComparer.Ordinal), token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        if (report.Status == IngestStatus.Quarantined)
        {
            // Under the current settings this file yields no events: the ones from earlier settings go too.
            await _compaction.ReleaseAsync(tenant, replaced, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(replaced, cancellationToken).ConfigureAwait(false);
        }

        Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.IngestAfterOutputs);
        var version = new IngestLedgerVersion(contentSha, [info.ETag], info.Size, report, settings);
        var kept = record?.Versions.Where(v => v.ContentSha256 != contentSha) ?? [];
        await _ledger.SaveAsync(tenant, new IngestLedgerRecord(key, [.. kept, version]), cancellationToken).ConfigureAwait(false);
        if (report.Status == IngestStatus.Quarantined)
        {
            Log.FileQuarantined(_logger, key, report.Error ?? "unknown");
        }
        else
        {
            if (sameContent is not null)
            {
                Log.FileReingested(_logger, key, redo);
            }

            await _ledger.SaveContentAsync(tenant, contentSha, key, cancellationToken).ConfigureAwait(false);
            if (sameContent?.Report.QuarantineKey is { } quarantined)
            {
                // The quarantine holds what still needs attention; this file no longer does.
                await DeleteAsync([quarantined, quarantined + ".reason.json"], cancellationToken).ConfigureAwait(false);
            }

            Log.FileIngested(_logger, key, report.RowsKept, report.RowsRead, report.Outputs.Count, report.Duration);
        }

        ClickcastMetrics.IngestFiles.Add(1, new KeyValuePair<string, object?>("status", report.Status.ToString()), ClickcastMetrics.Tenant(tenant));
        ClickcastMetrics.IngestRows.Add(report.RowsKept, ClickcastMetrics.Tenant(tenant));
        return report;
    }

    /// <summary>Keys under the tenant's <c>raw/</c> prefix whose current version is quarantined.</summary>
    public async Task<IReadOnlyList<string>> ListQuarantinedAsync(string tenant, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        var result = new List<string>();
        await foreach (var record in _ledger.ListAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            if (record.Versions.Count > 0 && record.Versions[^1].Report.Status == IngestStatus.Quarantined
                && await _store.GetInfoAsync(record.Key, cancellationToken).ConfigureAwait(false) is not null)
            {
                result.Add(record.Key);
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static bool NeedsRedo(IngestLedgerVersion version, string settings, IngestRedo redo) =>
        redo == IngestRedo.All
        || (redo == IngestRedo.Quarantined && version.Report.Status == IngestStatus.Quarantined)
        || (version.Settings is not null && version.Settings != settings && version.Report.Status != IngestStatus.DuplicateContent);

    private async Task<string?> FindDuplicateAsync(string tenant, string key, string contentSha, CancellationToken cancellationToken)
    {
        var original = await _ledger.FindContentAsync(tenant, contentSha, cancellationToken).ConfigureAwait(false);
        if (original is null || original == key)
        {
            return null;
        }

        // Only while the original still holds these events: a deleted or replaced original leaves nothing to double.
        var record = await _ledger.FindAsync(tenant, original, cancellationToken).ConfigureAwait(false);
        return record?.Versions.Any(v => v.ContentSha256 == contentSha && v.Report.Status == IngestStatus.Ingested) == true ? original : null;
    }

    /// <summary>
    /// Outputs recorded under another shard layout (ingested before a re-shard) now live in the current layout under
    /// the same period and name: those keys are added, so that replacing the earlier events finds them.
    /// </summary>
    private async Task<List<string>> InLayoutAsync(string tenant, List<string> keys, int shards, CancellationToken cancellationToken)
    {
        var moved = new HashSet<(string, string)>();
        foreach (var key in keys)
        {
            if (EventFileKey.TryParse(tenant, key, out var file) && file.Value.Shards != shards)
            {
                moved.Add((file.Value.Period, file.Value.Name));
            }
        }

        if (moved.Count == 0)
        {
            return keys;
        }

        // By source name, whether the source has its own file or rows in a compacted one (released before replacing).
        var current = await EventLayout.ListPiecesAsync(_store, tenant, shards, cancellationToken).ConfigureAwait(false);
        return [.. keys.Union(current.Where(p => moved.Contains((p.Source.Period, p.Source.Name))).Select(p => p.Source.ToKey(tenant)), StringComparer.Ordinal)];
    }

    private async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        foreach (var stale in keys)
        {
            await _store.DeleteAsync(stale, cancellationToken).ConfigureAwait(false);
        }
    }

    private FileIngestReport Skipped(FileIngestReport previous, DateTimeOffset startedAt) =>
        previous with
        {
            Status = previous.Status switch
            {
                IngestStatus.Quarantined => IngestStatus.AlreadyQuarantined,
                IngestStatus.DuplicateContent => IngestStatus.DuplicateContent,
                _ => IngestStatus.AlreadyIngested,
            },
            StartedAt = startedAt,
            Duration = _time.GetUtcNow() - startedAt,
            RowsRead = 0,
            RowsKept = 0,
            Dropped = new Dictionary<DropReason, long>(),
            BadRowSamples = [],
        };

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var hash = await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }
}
