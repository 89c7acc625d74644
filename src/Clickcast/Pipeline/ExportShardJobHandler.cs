using System.Globalization;
using System.Text.Json;
using Clickcast.Export;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
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
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<ExportShardPayload>(job.Payload, ClickcastJson.Options)
            ?? throw new InvalidDataException("The export shard job has no part in its payload.");
        var task = job.Task is null ? null : await catalog.GetTaskAsync(job.Tenant, job.Task, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return JobOutcome.FailedPermanently($"task '{job.Task}' of tenant '{job.Tenant}' is not defined");
        }

        var report = await exporter.ExportAsync(job.Tenant, task.Id, payload.PredictionsKey, FileId(payload.RunId, payload.Shard), task.Exports.ToList(), cancellationToken).ConfigureAwait(false);
        return report.Succeeded
            ? JobOutcome.Succeeded(report)
            : JobOutcome.Failed($"{report.PendingBatches} batch(es) of shard {payload.Shard} pending: " + string.Join("; ", report.Destinations.SelectMany(d => d.Errors).Take(3)));
    }
}
