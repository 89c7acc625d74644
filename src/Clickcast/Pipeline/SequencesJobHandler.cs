using Clickcast.Pipeline.Jobs;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>Sequences job: bring the tenant's sequences up to date, then let every task decide about training.</summary>
public sealed class SequencesJobHandler(SequenceBuilder builder, TenantCatalog catalog, PipelineSteps steps) : IJobHandler
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

        var report = await builder.UpdateAsync(job.Tenant, tenant.Sequences, cancellationToken: cancellationToken).ConfigureAwait(false);

        // Even when nothing changed (another job got there first), make sure the tasks saw this generation: the
        // follow-up keys are per generation, so this adds nothing twice.
        var payload = System.Text.Json.JsonSerializer.Deserialize<SequencesPayload>(job.Payload, ClickcastJson.Options) ?? new SequencesPayload();
        await steps.AfterSequencesAsync(job, report.Generation, payload, cancellationToken).ConfigureAwait(false);
        return JobOutcome.Succeeded(report);
    }
}
