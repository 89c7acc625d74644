using System.Text.Json;
using Clickcast.Export;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>Export job: a scoring run's predictions to every destination of the task, each batch exactly once.</summary>
public sealed class ExportJobHandler(PredictionExporter exporter, TenantCatalog catalog) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Export;

    /// <inheritdoc />
    public Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken) =>
        RunExportAsync<ExportPayload>(
            job,
            catalog,
            (payload, task, ct) => exporter.ExportAsync(job.Tenant, task.Id, payload.PredictionsKey, task.Exports.ToList(), ct),
            _ => string.Empty,
            cancellationToken);

    /// <summary>
    /// What every export job does around its export: reads the payload and the task, exports, and turns the report into
    /// the job's outcome. Pending batches fail the attempt so the queue retries later; delivered batches are not sent
    /// again. <paramref name="part"/> names the part of the run in the failure text (empty for a whole run).
    /// </summary>
    internal static async Task<JobOutcome> RunExportAsync<TPayload>(
        Job job,
        TenantCatalog catalog,
        Func<TPayload, TaskDefinition, CancellationToken, Task<ExportReport>> export,
        Func<TPayload, string> part,
        CancellationToken cancellationToken)
        where TPayload : class
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<TPayload>(job.Payload, ClickcastJson.Options)
            ?? throw new InvalidDataException($"The {job.Kind} job has no predictions file in its payload.");
        var task = job.Task is null ? null : await catalog.GetTaskAsync(job.Tenant, job.Task, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return JobOutcome.FailedPermanently($"task '{job.Task}' of tenant '{job.Tenant}' is not defined");
        }

        var report = await export(payload, task, cancellationToken).ConfigureAwait(false);
        return report.Succeeded
            ? JobOutcome.Succeeded(report)
            : JobOutcome.Failed($"{report.PendingBatches} batch(es){part(payload)} pending: " + string.Join("; ", report.Destinations.SelectMany(d => d.Errors).Take(3)));
    }
}
