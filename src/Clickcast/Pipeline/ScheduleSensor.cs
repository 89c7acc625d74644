using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Tenants;
using Cronos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Pipeline;

/// <summary>
/// Cron schedules of retraining and scoring: each check enqueues the latest due occurrence of each schedule, keyed
/// by the occurrence, so any number of checks (or of worker processes checking) enqueue it once.
/// </summary>
public sealed class ScheduleSensor(TenantCatalog catalog, PipelineSteps steps, TimeProvider timeProvider, IOptions<PipelineOptions> options, ILogger<ScheduleSensor> logger)
{
    /// <summary>Enqueues due scheduled jobs of every tenant; returns how many were new.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var from = now - options.Value.ScheduleLookback;
        var created = 0;
        foreach (var tenant in await catalog.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var task in tenant.Tasks)
            {
                if (Latest(task.Retraining.Schedule, from, now) is { } train)
                {
                    Log.ScheduleDue(logger, tenant.Id, task.Id, task.Retraining.Schedule!, JobKind.Train, train);
                    created += await steps.EnqueueAsync(tenant.Id, task.Id, JobKind.Train, new TrainPayload(TrainTrigger.Schedule), $"cron-train|{task.Id}|{train:O}", null, cancellationToken).ConfigureAwait(false);
                }

                if (Latest(task.Scoring.Schedule, from, now) is { } score)
                {
                    Log.ScheduleDue(logger, tenant.Id, task.Id, task.Scoring.Schedule!, JobKind.Score, score);
                    created += await steps.EnqueueAsync(tenant.Id, task.Id, JobKind.Score, new ScorePayload("schedule"), $"cron-score|{task.Id}|{score:O}", null, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return created;
    }

    private static DateTimeOffset? Latest(string? schedule, DateTimeOffset from, DateTimeOffset to)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return null;
        }

        DateTimeOffset? latest = null;
        foreach (var occurrence in CronExpression.Parse(schedule).GetOccurrences(from, to, TimeZoneInfo.Utc, fromInclusive: false, toInclusive: true))
        {
            latest = occurrence;
        }

        return latest;
    }
}
