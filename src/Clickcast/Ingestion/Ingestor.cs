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

    public Ingestor(IObjectStore store, TimeProvider timeProvider, ILogger<Ingestor> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _time = timeProvider;
        _logger = logger;
        _ledger = new IngestLedger(store);
    }

    /// <summary>
    /// Ingests the given source objects, or, when <paramref name="keys"/> is null, every object under the tenant's
    /// <c>raw/</c> prefix that has not been ingested yet.
    /// </summary>
    public async Task<IngestRunReport> IngestAsync(
        string tenant,
        IngestOptions options,
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
            var report = await IngestFileAsync(tenant, keys[index], options, token).ConfigureAwait(false);
            reports[index] = report;
            var totalRows = Interlocked.Add(ref rows, report.RowsRead);
            progress?.Report(new IngestProgress(Interlocked.Increment(ref done), keys.Count, totalRows));
        }).ConfigureAwait(false);

        var run = new IngestRunReport(tenant, reports, Stopwatch.GetElapsedTime(started));
        Log.RunFinished(_logger, tenant, run.Ingested, run.AlreadyIngested, run.Quarantined, run.RowsKept, run.Duration);
        return run;
    }

    /// <summary>Ingests one source object (idempotent: a version ingested before is skipped).</summary>
    public async Task<FileIngestReport> IngestFileAsync(string tenant, string key, IngestOptions options, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(options);

        var startedAt = _time.GetUtcNow();
        var info = await _store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new ObjectNotFoundException(key);
        var record = await _ledger.FindAsync(tenant, key, cancellationToken).ConfigureAwait(false);
        var known = record?.Versions.FirstOrDefault(v => v.Size == info.Size && v.ETags.Contains(info.ETag));
        if (known is not null)
        {
            Log.FileAlreadyIngested(_logger, key);
            return Skipped(known.Report, startedAt);
        }

        using var copy = await _store.GetLocalCopyAsync(key, cancellationToken).ConfigureAwait(false);
        var contentSha = await HashFileAsync(copy.Path, cancellationToken).ConfigureAwait(false);
        var sameContent = record?.Versions.FirstOrDefault(v => v.ContentSha256 == contentSha);
        if (sameContent is not null)
        {
            // Same bytes under a new version tag (a re-upload): remember the tag, add nothing.
            var versions = record!.Versions.Select(v => v == sameContent ? v with { ETags = [.. v.ETags, info.ETag] } : v).ToList();
            await _ledger.SaveAsync(tenant, record with { Versions = versions }, cancellationToken).ConfigureAwait(false);
            Log.FileAlreadyIngested(_logger, key);
            return Skipped(sameContent.Report, startedAt);
        }

        var report = await ProcessAsync(tenant, key, copy.Path, contentSha, options, startedAt, cancellationToken).ConfigureAwait(false);
        Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.IngestAfterOutputs);
        var version = new IngestLedgerVersion(contentSha, [info.ETag], info.Size, report);
        await _ledger.SaveAsync(tenant, new IngestLedgerRecord(key, [.. record?.Versions ?? [], version]), cancellationToken).ConfigureAwait(false);
        if (report.Status == IngestStatus.Quarantined)
        {
            Log.FileQuarantined(_logger, key, report.Error ?? "unknown");
        }
        else
        {
            Log.FileIngested(_logger, key, report.RowsKept, report.RowsRead, report.Outputs.Count, report.Duration);
        }

        ClickcastMetrics.IngestFiles.Add(1, new KeyValuePair<string, object?>("status", report.Status.ToString()));
        ClickcastMetrics.IngestRows.Add(report.RowsKept);
        return report;
    }

    private FileIngestReport Skipped(FileIngestReport previous, DateTimeOffset startedAt) =>
        previous with
        {
            Status = previous.Status == IngestStatus.Quarantined ? IngestStatus.AlreadyQuarantined : IngestStatus.AlreadyIngested,
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
