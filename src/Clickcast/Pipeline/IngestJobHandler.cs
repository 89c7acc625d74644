using System.Text.Json;
using Clickcast.Ingestion;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>Ingest job: one raw file version into events (or quarantine), then a sequence update, and a compaction when a folder it wrote to holds too many files.</summary>
public sealed class IngestJobHandler(Ingestor ingestor, EventCompaction compaction, TenantCatalog catalog, PipelineSteps steps) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Ingest;

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var created = JsonSerializer.Deserialize<ObjectCreated>(job.Payload, ClickcastJson.Options)
            ?? throw new InvalidDataException("The ingest job has no object in its payload.");
        var tenant = await catalog.GetAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return JobOutcome.FailedPermanently($"tenant '{job.Tenant}' is not defined: create it before dropping files under its prefix");
        }

        FileIngestReport report;
        try
        {
            report = await ingestor.IngestFileAsync(job.Tenant, created.Key, tenant.Ingest, created.Redo, tenant.Shards, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            // The file was removed after it was sensed: nothing to ingest, ever.
            return JobOutcome.FailedPermanently($"{created.Key} no longer exists");
        }

        if (report.Status == IngestStatus.Ingested
            && await catalog.GetAsync(job.Tenant, cancellationToken).ConfigureAwait(false) is { } now && now.Shards != tenant.Shards)
        {
            // A re-shard changed the count while this file was ingested: write it again in the new layout (same
            // names as the re-shard's copy of it, so nothing doubles) rather than leave it in the old one.
            report = await ingestor.IngestFileAsync(job.Tenant, created.Key, now.Ingest, IngestRedo.All, now.Shards, cancellationToken).ConfigureAwait(false);
        }

        if (report.Status == IngestStatus.Ingested)
        {
            await steps.AfterIngestAsync(job, cancellationToken).ConfigureAwait(false);
            if (await compaction.NeededAfterAsync(job.Tenant, report.Outputs, cancellationToken).ConfigureAwait(false))
            {
                await steps.AfterIngestCompactionAsync(job, cancellationToken).ConfigureAwait(false);
            }
        }

        var result = report with { BadRowSamples = report.BadRowSamples.Take(5).ToList() };
        return report.Status switch
        {
            IngestStatus.Ingested => JobOutcome.Succeeded(result),
            IngestStatus.Quarantined => JobOutcome.Ended(result, RunOutcome.Quarantined, report.Error),
            IngestStatus.AlreadyQuarantined => JobOutcome.Ended(result, RunOutcome.Quarantined, "quarantined before, with the same ingest settings: " + report.Error),
            IngestStatus.DuplicateContent => JobOutcome.Ended(result, RunOutcome.NothingToDo, report.Error),
            _ => JobOutcome.Ended(result, RunOutcome.NothingToDo, "this version of the file was ingested before with the same ingest settings"),
        };
    }
}
