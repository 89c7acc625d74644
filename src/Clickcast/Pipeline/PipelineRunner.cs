using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Pipeline;

/// <summary>
/// Drives the pipeline: senses new raw files of every tenant, checks schedules, and runs the job queue —
/// once (<c>clickcast run</c>) or until stopped (<c>clickcast worker</c>).
/// </summary>
public sealed class PipelineRunner(TenantCatalog catalog, ObjectSensor sensor, ScheduleSensor schedules, JobWorker worker, JobQueue queue, IOptions<SensorOptions> sensorOptions, TimeProvider timeProvider, ILogger<PipelineRunner> logger)
{
    /// <summary>Senses files and schedules once, then runs every due job (and the jobs they lead to) until none is left.</summary>
    /// <returns>Jobs run.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await SenseAsync(cancellationToken).ConfigureAwait(false);
        var total = 0;
        while (true)
        {
            var ran = await worker.RunUntilIdleAsync(cancellationToken).ConfigureAwait(false);
            total += ran;

            // Follow-ups may wait for a debounce window: wait for them instead of leaving work behind.
            if (ran == 0 && !await HasQueuedWorkSoonAsync(cancellationToken).ConfigureAwait(false))
            {
                return total;
            }

            if (ran == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Senses and runs jobs until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var work = worker.RunAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await SenseAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(sensorOptions.Value.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        await work.ConfigureAwait(false);
    }

    /// <summary>Lists every tenant's raw prefix for new files and enqueues due schedules.</summary>
    public async Task SenseAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in await catalog.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await sensor.PollAsync(tenant.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PollFailed(logger, tenant.Id, ex);
            }
        }

        await schedules.CheckAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> HasQueuedWorkSoonAsync(CancellationToken cancellationToken)
    {
        var queued = await queue.ListAsync(new JobQuery { Status = JobStatus.Queued, Limit = 50 }, cancellationToken).ConfigureAwait(false);
        var soon = timeProvider.GetUtcNow() + TimeSpan.FromMinutes(1);
        return queued.Any(j => j.NextRunAt <= soon && (j.Attempts == 0 || j.Kind is JobKind.Sequences or JobKind.SequencesShard or JobKind.SequencesCommit));
    }
}
