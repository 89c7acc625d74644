using System.Globalization;
using System.Text.Json;
using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Registry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.Extensions.Options;

namespace Clickcast.Pipeline;

/// <summary>
/// Backfill job: re-runs a tenant's pipeline over the raw files that arrived in a period, under a declared
/// <see cref="BackfillPolicy"/>, then continues with the normal chain through a sequences job of its own.
/// </summary>
/// <remarks>
/// Files are matched to their ingest jobs through the sensor's ledger (one job per key and ETag). A file that was
/// never sensed is enqueued through the sensor, so a later listing does not enqueue it again.
/// </remarks>
public sealed class BackfillJobHandler(IObjectStore store, ObjectSensor sensor, JobQueue queue, MetadataDatabase database, TenantCatalog catalog, IOptions<SensorOptions> sensorOptions, IOptions<PipelineOptions> pipelineOptions, TimeProvider timeProvider) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Backfill;

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<BackfillPayload>(job.Payload, ClickcastJson.Options);
        if (payload is null || payload.To <= payload.From)
        {
            return JobOutcome.FailedPermanently("a backfill needs a period with 'from' before 'to'");
        }

        var tenant = await catalog.GetAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return JobOutcome.FailedPermanently($"tenant '{job.Tenant}' is not defined");
        }

        if (payload.Task is not null && tenant.Tasks.All(t => t.Id != payload.Task))
        {
            return JobOutcome.FailedPermanently($"task '{payload.Task}' of tenant '{job.Tenant}' is not defined");
        }

        var known = await IngestJobsAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        int files = 0, enqueued = 0, retried = 0, skipped = 0, inProgress = 0;
        var prefix = TenantLayout.Root(job.Tenant) + sensorOptions.Value.Prefix;
        await foreach (var item in store.ListAsync(prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (item.LastModified < payload.From || item.LastModified >= payload.To)
            {
                continue;
            }

            files++;
            if (!known.TryGetValue((item.Key, item.ETag), out var ingest))
            {
                if (payload.Policy == BackfillPolicy.RedoFailed)
                {
                    skipped++;
                }
                else if (await sensor.NotifyObjectCreatedAsync(item.Key, job.Id, cancellationToken).ConfigureAwait(false) == NotificationResult.Enqueued)
                {
                    enqueued++;
                }

                continue;
            }

            switch (ingest.Status)
            {
                case JobStatus.Queued or JobStatus.Running:
                    inProgress++;
                    break;
                case JobStatus.DeadLettered or JobStatus.Cancelled:
                    retried += await queue.RetryAsync(ingest.Id, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                    break;
                case JobStatus.Succeeded when payload.Policy == BackfillPolicy.RedoAll:
                    enqueued += await RedoAsync(job, item, Ingestion.IngestRedo.All, cancellationToken).ConfigureAwait(false);
                    break;
                case JobStatus.Succeeded when ingest.Outcome == RunOutcome.Quarantined:
                    enqueued += await RedoAsync(job, item, Ingestion.IngestRedo.Quarantined, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    skipped++;
                    break;
            }
        }

        // The chain continues from here even when every file was ingested already: sequences, then the tasks.
        var sequences = await queue.EnqueueAsync(
            new JobRequest(job.Tenant, JobKind.Sequences)
            {
                Payload = JsonSerializer.Serialize(new SequencesPayload(payload.Policy == BackfillPolicy.RedoAll ? TrainTrigger.Manual : TrainTrigger.NewData, payload.Task, job.Id), ClickcastJson.Options),
                IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"sequences|backfill-{job.Id}"),
                ParentId = job.Id,
                NotBefore = timeProvider.GetUtcNow() + pipelineOptions.Value.SequencesDebounce,
            },
            cancellationToken).ConfigureAwait(false);
        return JobOutcome.Succeeded(new BackfillReport(files, enqueued, retried, skipped, inProgress, sequences.Job.Id));
    }

    private async Task<int> RedoAsync(Job backfill, StoredObject item, Ingestion.IngestRedo redo, CancellationToken cancellationToken)
    {
        var payloadJson = JsonSerializer.Serialize(new ObjectCreated(item.Key, item.ETag, item.Size, item.LastModified, redo), ClickcastJson.Options);
        var result = await queue.EnqueueAsync(
            new JobRequest(backfill.Tenant, JobKind.Ingest)
            {
                Payload = payloadJson,
                IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"backfill-{backfill.Id}|{item.Key}|{item.ETag}"),
                ParentId = backfill.Id,
            },
            cancellationToken).ConfigureAwait(false);
        return result.Created ? 1 : 0;
    }

    /// <summary>The latest ingest job of every (key, ETag) the sensor recorded for the tenant.</summary>
    private async Task<Dictionary<(string Key, string ETag), (long Id, JobStatus Status, RunOutcome? Outcome)>> IngestJobsAsync(string tenant, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), (long, JobStatus, RunOutcome?)>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT s.object_key, s.etag, j.id, j.status, j.outcome
            FROM sensor_objects s JOIN jobs j ON j.id = s.job_id
            WHERE s.tenant = @tenant
            """);
        command.AddParameter("tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), Enum.Parse<JobStatus>(reader.GetString(3)), reader.IsDBNull(4) ? null : Enum.Parse<RunOutcome>(reader.GetString(4)));
        }

        return result;
    }
}
