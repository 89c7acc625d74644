using System.Globalization;
using Clickcast.Export;
using Clickcast.Pipeline.Jobs;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>
/// Export of one shard's part of a sharded scoring run to every destination of the task. The part is its own export
/// (file id <c>{run}-sSSSS</c>): its batches never span shards, their ids and ledger entries are the shard's, and a
/// retry sends only what the ledger does not record as delivered.
/// </summary>
public sealed class ExportShardJobHandler(PredictionExporter exporter, TenantCatalog catalog) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.ExportShard;

    /// <summary>The export id of shard <paramref name="shard"/>'s part of run <paramref name="runId"/>.</summary>
    public static string FileId(string runId, int shard) => string.Create(CultureInfo.InvariantCulture, $"{runId}-s{shard:D4}");

    /// <inheritdoc />
    public Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken) =>
        ExportJobHandler.RunExportAsync<ExportShardPayload>(
            job,
            catalog,
            (payload, task, ct) => exporter.ExportAsync(job.Tenant, task.Id, payload.PredictionsKey, FileId(payload.RunId, payload.Shard), task.Exports.ToList(), ct),
            payload => string.Create(CultureInfo.InvariantCulture, $" of shard {payload.Shard}"),
            cancellationToken);
}
