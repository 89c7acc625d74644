using System.Text.Json;
using Clickcast.Pipeline.Jobs;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>
/// Sequences job: bring the tenant's sequences up to date, then let every task decide about training. A sharded
/// tenant's update fans out instead: one <see cref="JobKind.SequencesShard"/> job per shard, whose last one
/// enqueues the <see cref="JobKind.SequencesCommit"/>, which leads on to training.
/// </summary>
public sealed class SequencesJobHandler(SequenceBuilder builder, SequenceStore sequences, TenantCatalog catalog, PipelineSteps steps) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Sequences;

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var tenant = await catalog.GetAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return JobOutcome.FailedPermanently($"tenant '{job.Tenant}' is not defined");
        }

        var payload = JsonSerializer.Deserialize<SequencesPayload>(job.Payload, ClickcastJson.Options) ?? new SequencesPayload();
        if (tenant.Shards > 1)
        {
            return await FanOutAsync(job, tenant, payload, cancellationToken).ConfigureAwait(false);
        }

        var report = await builder.UpdateAsync(job.Tenant, tenant.Sequences, cancellationToken: cancellationToken).ConfigureAwait(false);

        // Even when nothing changed (another job got there first), make sure the tasks saw this generation: the
        // follow-up keys are per generation, so this adds nothing twice.
        await steps.AfterSequencesAsync(job, report.Generation, payload, cancellationToken).ConfigureAwait(false);
        return JobOutcome.Succeeded(report);
    }

    /// <summary>
    /// One shard job per shard for the next generation, keyed by generation and shard: a second sequences job
    /// before the commit adds none, and the commit enqueues a new update if files arrived that the shards missed.
    /// </summary>
    private async Task<JobOutcome> FanOutAsync(Job job, TenantDefinition tenant, SequencesPayload payload, CancellationToken cancellationToken)
    {
        var generation = await builder.PlanShardsAsync(job.Tenant, tenant.Shards, tenant.Sequences, cancellationToken).ConfigureAwait(false);
        if (generation is null)
        {
            var manifest = await sequences.GetManifestAsync(job.Tenant, cancellationToken).ConfigureAwait(false);
            await steps.AfterSequencesAsync(job, manifest?.Generation ?? 0, payload, cancellationToken).ConfigureAwait(false);
            return JobOutcome.Ended(new { generation = manifest?.Generation ?? 0 }, RunOutcome.NothingToDo, "the sequences are up to date");
        }

        var created = await steps.SequencesShardsAsync(job, generation.Value, tenant.Shards, payload, cancellationToken).ConfigureAwait(false);
        if (created == 0 && payload != new SequencesPayload())
        {
            // This generation's shards were started by another job, whose commit leads on with its own payload:
            // retry once it is committed, so this job's follow-ups (a backfill's, one task's) still happen.
            return JobOutcome.Failed($"the sharded update to generation {generation} is in flight; retrying after its commit");
        }

        return JobOutcome.Succeeded(new { generation, shards = tenant.Shards, enqueued = created });
    }
}
