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
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<ExportPayload>(job.Payload, ClickcastJson.Options)
            ?? throw new InvalidDataException("The export job has no predictions file in its payload.");
        var task = job.Task is null ? null : await catalog.GetTaskAsync(job.Tenant, job.Task, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return JobOutcome.FailedPermanently($"task '{job.Task}' of tenant '{job.Tenant}' is not defined");
        }

        var report = await exporter.ExportAsync(job.Tenant, task.Id, payload.PredictionsKey, task.Exports.ToList(), cancellationToken).ConfigureAwait(false);

        // Pending batches: fail this attempt so the queue retries later; delivered batches are not sent again.
        return report.Succeeded
            ? JobOutcome.Succeeded(report)
            : JobOutcome.Failed($"{report.PendingBatches} batch(es) pending: " + string.Join("; ", report.Destinations.SelectMany(d => d.Errors).Take(3)));
    }
}
