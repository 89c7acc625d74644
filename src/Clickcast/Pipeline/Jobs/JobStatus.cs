namespace Clickcast.Pipeline.Jobs;

/// <summary>Where a job is in its life. Stored by name.</summary>
public enum JobStatus
{
    /// <summary>Waiting to run at <see cref="Job.NextRunAt"/>; a failed attempt that will be retried is queued again, with <see cref="Job.LastError"/> set.</summary>
    Queued = 0,

    /// <summary>Claimed by a worker that holds its lease.</summary>
    Running,

    /// <summary>Done; <see cref="Job.Result"/> holds its outputs.</summary>
    Succeeded,

    /// <summary>Out of attempts, or failed permanently; <see cref="Job.LastError"/> says why. Runs again only when retried by hand.</summary>
    DeadLettered,

    /// <summary>Cancelled before it finished.</summary>
    Cancelled,
}
