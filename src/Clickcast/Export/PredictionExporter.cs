using System.Security.Cryptography;
using Clickcast.Diagnostics;
using Clickcast.Scoring;
using Clickcast.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Export;

/// <summary>
/// Delivers a predictions file to a task's destinations exactly once: every batch has a stable id, the delivery
/// ledger remembers which were accepted, and a re-run sends only the rest with the same ids. A destination that
/// stays down past the resilience budget leaves its remaining batches pending in the report; other destinations
/// proceed. See docs/export.md for the wire formats and the exactly-once argument.
/// </summary>
public sealed partial class PredictionExporter
{
    private readonly IObjectStore _store;
    private readonly IDeliveryLedger _ledger;
    private readonly IHttpClientFactory _httpClients;
    private readonly ExportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // An export streams a whole predictions file (twice or more): it asks for the compaction an API read never runs.
    private readonly LargeObjectCompaction _compaction = new();

    public PredictionExporter(
        IObjectStore store,
        IDeliveryLedger ledger,
        IHttpClientFactory httpClientFactory,
        IOptions<ExportOptions> options,
        TimeProvider timeProvider,
        ILogger<PredictionExporter> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _ledger = ledger;
        _httpClients = httpClientFactory;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Exports the predictions file <paramref name="predictionsKey"/> of <paramref name="tenant"/>'s
    /// <paramref name="task"/> to each of <paramref name="destinations"/>, skipping batches delivered by earlier runs.
    /// Delivery problems are in the report (<see cref="ExportReport.Succeeded"/> false, pending batches listed); run
    /// the export again later to deliver them. Cancelling stops between or inside batches; nothing delivered is lost
    /// and nothing is delivered twice under different ids.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="task">The task whose scores these are.</param>
    /// <param name="predictionsKey">The predictions Parquet file, under the tenant's prefix; its name without <c>.parquet</c> is its id.</param>
    /// <param name="destinations">Where the scores go; names must be distinct.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    /// <exception cref="ObjectNotFoundException">There is no such predictions file.</exception>
    public Task<ExportReport> ExportAsync(
        string tenant,
        string task,
        string predictionsKey,
        IReadOnlyList<ExportDestinationOptions> destinations,
        CancellationToken cancellationToken = default) =>
        ExportAsync(tenant, task, predictionsKey, PredictionsFileId(predictionsKey), destinations, cancellationToken);

    /// <summary>
    /// Exports <paramref name="predictionsKey"/> as the export <paramref name="fileId"/> (batch ids, ledger folder and
    /// file names derive from it): a sharded run's part is exported as <c>{run}-sSSSS</c>, since every run names its
    /// parts alike.
    /// </summary>
    public async Task<ExportReport> ExportAsync(
        string tenant,
        string task,
        string predictionsKey,
        string fileId,
        IReadOnlyList<ExportDestinationOptions> destinations,
        CancellationToken cancellationToken = default)
    {
        fileId = PredictionsFileId(fileId);
        TenantLayout.ValidateTenant(tenant);
        TenantLayout.ValidateTask(task);
        ObjectKey.Validate(predictionsKey, nameof(predictionsKey));
        ArgumentNullException.ThrowIfNull(destinations);
        if (!predictionsKey.StartsWith(TenantLayout.Root(tenant), StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{predictionsKey}' is not under tenant '{tenant}'.", nameof(predictionsKey));
        }

        if (destinations.Any(d => d is null))
        {
            throw new ArgumentException("A destination is null.", nameof(destinations));
        }

        var duplicate = destinations.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Destination name '{duplicate.Key}' is used more than once.", nameof(destinations));
        }

        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        using var copy = await _store.GetLocalCopyAsync(predictionsKey, cancellationToken).ConfigureAwait(false);
        var source = await DescribeSourceAsync(copy.Path, tenant, task, _compaction, cancellationToken).ConfigureAwait(false);
        Log.ExportStarted(_logger, predictionsKey, tenant, task, source.Rows, destinations.Count);
        if (source.Rejected > 0)
        {
            Log.RowsRejected(_logger, predictionsKey, source.Rejected);
        }

        var reports = new List<DestinationReport>(destinations.Count);
        foreach (var destination in destinations)
        {
            reports.Add(await ExportToAsync(new ExportScope(tenant, task, fileId, destination.Name), destination, predictionsKey, source, cancellationToken).ConfigureAwait(false));
        }

        var report = new ExportReport(tenant, task, predictionsKey, fileId, source.Rows, source.Rejected, reports, startedAt, _time.GetElapsedTime(started));
        Log.ExportFinished(_logger, predictionsKey, report.Succeeded ? "succeeded" : "incomplete", report.PendingBatches, report.Duration);
        return report;
    }

    /// <summary>The id of a predictions file: its name without <c>.parquet</c>; 1–128 of A–Z, a–z, 0–9, '.', '_', '-'.</summary>
    /// <exception cref="ArgumentException">The name is not a valid id.</exception>
    public static string PredictionsFileId(string predictionsKey)
    {
        ArgumentNullException.ThrowIfNull(predictionsKey);
        var name = predictionsKey[(predictionsKey.LastIndexOf('/') + 1)..];
        var id = name.EndsWith(PredictionFile.Extension, StringComparison.OrdinalIgnoreCase) ? name[..^PredictionFile.Extension.Length] : name;
        if (id.Length is 0 or > 128 || !char.IsAsciiLetterOrDigit(id[0]) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"'{name}' does not name a predictions file id: use 1-128 characters of A-Z, a-z, 0-9, '.', '_' and '-'.", nameof(predictionsKey));
        }

        return id;
    }

    private async Task<DestinationReport> ExportToAsync(ExportScope scope, ExportDestinationOptions destination, string predictionsKey, SourceFile source, CancellationToken cancellationToken)
    {
        var problems = destination.Problems();
        if (problems.Count > 0)
        {
            Log.DestinationInvalid(_logger, destination.Name, string.Join("; ", problems));
            return Failed(destination, source.Rows, problems);
        }

        try
        {
            var records = await _ledger.ListAsync(scope, cancellationToken).ConfigureAwait(false);
            if (records.FirstOrDefault(r => r.SourceSha256 != source.Sha256) is { } stale)
            {
                Log.SourceChanged(_logger, destination.Name, predictionsKey, stale.Index);
                return Failed(destination, source.Rows, [$"The predictions file changed since batch {stale.Index} of this export was sent; write new scores to a new predictions file."]);
            }

            // Files record the whole file as one batch of size 0; HTTP kinds record real batch sizes.
            var isFiles = destination.Kind == ExportDestinationKind.Files;
            if (records.Any(r => (r.BatchSize == 0) != isFiles))
            {
                return Failed(destination, source.Rows, [$"Destination '{destination.Name}' changed kind since this file was first exported to it; give the new destination a new name."]);
            }

            var report = isFiles
                ? await ExportFilesAsync(scope, destination, source, records, cancellationToken).ConfigureAwait(false)
                : await DeliverBatchesAsync(scope, destination, source, records, cancellationToken).ConfigureAwait(false);
            Log.DestinationFinished(_logger, destination.Name, report.DeliveredNow, report.AlreadyDelivered, report.Pending.Count, report.BatchesTotal);
            return report;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // One destination's failure (a ledger that cannot be written, a bug) must not stop the others.
            Log.DestinationFailed(_logger, destination.Name, ex);
            return Failed(destination, source.Rows, [DeliveryFailure.Unexpected]);
        }
    }

    private static DestinationReport Failed(ExportDestinationOptions destination, long rows, IReadOnlyList<string> errors) =>
        new(destination.Name, destination.Kind, 0, 0, 0, [], rows, 0, errors);

    private static async Task<SourceFile> DescribeSourceAsync(string path, string tenant, string task, LargeObjectCompaction compaction, CancellationToken cancellationToken)
    {
        string sha;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        }

        long rows = 0;
        long rejected = 0;
        await foreach (var row in PredictionFileReader.ReadAsync(path, compaction, cancellationToken).ConfigureAwait(false))
        {
            if (IsExportable(row, tenant, task))
            {
                rows++;
            }
            else
            {
                rejected++;
            }
        }

        return new SourceFile(path, tenant, task, sha, rows, rejected);
    }

    /// <summary>A row goes out only when it belongs to this tenant and task and carries a client and finite scores.</summary>
    private static bool IsExportable(in Prediction row, string tenant, string task) =>
        string.Equals(row.Tenant, tenant, StringComparison.Ordinal)
        && string.Equals(row.Task, task, StringComparison.Ordinal)
        && !string.IsNullOrEmpty(row.ClientId)
        && row.Bucket is not null
        && double.IsFinite(row.Probability)
        && double.IsFinite(row.Percentile);

    /// <summary>The exportable rows of the file, in file order.</summary>
    private async IAsyncEnumerable<Prediction> ReadRowsAsync(SourceFile source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in PredictionFileReader.ReadAsync(source.Path, _compaction, cancellationToken).ConfigureAwait(false))
        {
            if (IsExportable(row, source.Tenant, source.Task))
            {
                yield return row;
            }
        }
    }

    /// <summary>The local copy of the predictions file and what the export needs to know about it.</summary>
    private sealed record SourceFile(string Path, string Tenant, string Task, string Sha256, long Rows, long Rejected);
}
