using System.Globalization;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;

namespace Clickcast.Pipeline;

/// <summary>How a task's freshness follows from its jobs, champion and retraining state: one pure rule, first match wins.</summary>
public static class TaskFreshnessRules
{
    /// <summary>The freshness and its reason in words.</summary>
    /// <param name="pending">The task's newest queued or running job.</param>
    /// <param name="finished">Its latest finished job.</param>
    /// <param name="trained">Its latest succeeded training job.</param>
    /// <param name="hasChampion">Whether a champion scores.</param>
    /// <param name="retraining">Retraining bookkeeping.</param>
    public static (TaskFreshness Freshness, string Reason) Decide(JobBrief? pending, JobBrief? finished, JobBrief? trained, bool hasChampion, RetrainingState retraining)
    {
        ArgumentNullException.ThrowIfNull(retraining);
        return (pending, finished, retraining.Paused) switch
        {
            // A queued job that already failed waits for its next attempt: what failed is news, not "calculating".
            ({ Status: JobStatus.Queued, Attempts: > 0, LastError: { } error } p, _, _) =>
                (TaskFreshness.Retrying, $"{p.Kind} job {p.Id} failed attempt {p.Attempts} of {p.MaxAttempts}{NextAttempt(p)}: {error}"),
            ({ } p, _, _) => (TaskFreshness.Calculating, $"{p.Kind} job {p.Id} is {p.Status.ToString().ToLowerInvariant()}"),
            (_, { Status: JobStatus.DeadLettered } f, _) => (TaskFreshness.Failed, $"{f.Kind} job {f.Id} was dead-lettered: {f.LastError}"),
            (_, { Outcome: RunOutcome.Quarantined } f, _) => (TaskFreshness.Quarantined, $"{f.Kind} job {f.Id} quarantined its file: {f.OutcomeReason}"),
            _ when !hasChampion && trained is { Outcome: RunOutcome.NeedsData } t => (TaskFreshness.NeedsData, $"train job {t.Id}: {t.OutcomeReason}"),
            (_, _, true) => (TaskFreshness.Paused, "retraining is paused: " + retraining.PausedReason),
            _ when !hasChampion => (TaskFreshness.Active, "no champion model yet"),
            _ => (TaskFreshness.Active, "up to date"),
        };
    }

    private static string NextAttempt(JobBrief job) =>
        job.NextRunAt is { } at ? ", next at " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "";
}
