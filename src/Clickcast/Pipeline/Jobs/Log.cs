using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline.Jobs;

/// <summary>What the job queue and its workers tell an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Debug, "Job {JobId} ({Kind}, tenant {Tenant}) enqueued")]
    public static partial void JobEnqueued(ILogger logger, long jobId, JobKind kind, string tenant);

    [LoggerMessage(6002, LogLevel.Debug, "Job {JobId} ({Kind}, tenant {Tenant}) attempt {Attempt} claimed by {WorkerId}")]
    public static partial void JobClaimed(ILogger logger, long jobId, JobKind kind, string tenant, int attempt, string workerId);

    [LoggerMessage(6003, LogLevel.Information, "Job {JobId} ({Kind}, tenant {Tenant}) succeeded at attempt {Attempt}")]
    public static partial void JobSucceeded(ILogger logger, long jobId, JobKind kind, string tenant, int attempt);

    [LoggerMessage(6004, LogLevel.Warning, "Job {JobId} ({Kind}, tenant {Tenant}) attempt {Attempt} of {MaxAttempts} failed, retrying at {NextRunAt:O}: {Error}")]
    public static partial void JobWillRetry(ILogger logger, long jobId, JobKind kind, string tenant, int attempt, int maxAttempts, DateTimeOffset nextRunAt, string error);

    [LoggerMessage(6005, LogLevel.Error, "Job {JobId} ({Kind}, tenant {Tenant}) dead-lettered after attempt {Attempt}: {Error}")]
    public static partial void JobDeadLettered(ILogger logger, long jobId, JobKind kind, string tenant, int attempt, string error);

    [LoggerMessage(6006, LogLevel.Information, "Job {JobId} ({Kind}, tenant {Tenant}) released: the worker is stopping")]
    public static partial void JobReleased(ILogger logger, long jobId, JobKind kind, string tenant);

    [LoggerMessage(6007, LogLevel.Information, "Job {JobId} cancelled")]
    public static partial void JobCancelled(ILogger logger, long jobId);

    [LoggerMessage(6008, LogLevel.Information, "Job {JobId} queued again by hand")]
    public static partial void JobRetriedByHand(ILogger logger, long jobId);

    [LoggerMessage(6009, LogLevel.Warning, "Job {JobId} ({Kind}, tenant {Tenant}) attempt {Attempt}: the worker's lease expired; now {Status}")]
    public static partial void LeaseRecovered(ILogger logger, long jobId, JobKind kind, string tenant, int attempt, JobStatus status);

    [LoggerMessage(6010, LogLevel.Warning, "Job {JobId} ({Kind}, tenant {Tenant}): lease lost (cancelled, or recovered after missed heartbeats); its outcome is not recorded")]
    public static partial void LeaseLost(ILogger logger, long jobId, JobKind kind, string tenant);

    [LoggerMessage(6011, LogLevel.Error, "Job {JobId} ({Kind}, tenant {Tenant}) attempt {Attempt} threw")]
    public static partial void HandlerThrew(ILogger logger, long jobId, JobKind kind, string tenant, int attempt, Exception exception);

    [LoggerMessage(6012, LogLevel.Warning, "Worker {WorkerId}: the job queue is unavailable, trying again in {Delay}")]
    public static partial void QueueUnavailable(ILogger logger, string workerId, TimeSpan delay, Exception exception);

    [LoggerMessage(6013, LogLevel.Warning, "Job {JobId}: heartbeat failed, trying again at the next one")]
    public static partial void HeartbeatFailed(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(6016, LogLevel.Error, "Job {JobId} ({Kind}, tenant {Tenant}): the outcome could not be recorded; the job runs again once its lease expires")]
    public static partial void OutcomeNotRecorded(ILogger logger, long jobId, JobKind kind, string tenant, Exception exception);

    [LoggerMessage(6050, LogLevel.Warning, "Job {JobId} ({Kind}, tenant {Tenant}) did not stop within {StopTimeout} of the worker stopping; released anyway and left behind")]
    public static partial void JobAbandonedOnStop(ILogger logger, long jobId, JobKind kind, string tenant, TimeSpan stopTimeout);

    [LoggerMessage(6014, LogLevel.Information, "Job worker started: {Workers} worker(s) for {Kinds}")]
    public static partial void WorkerStarted(ILogger logger, int workers, string kinds);

    [LoggerMessage(6015, LogLevel.Information, "Job worker stopped")]
    public static partial void WorkerStopped(ILogger logger);

    [LoggerMessage(7400, LogLevel.Debug, "Job {JobId} ({Kind}) found {StartBytes} bytes of managed heap committed and left {BeforeBytes}; released to {AfterBytes}")]
    public static partial void MemoryReleased(ILogger logger, long jobId, JobKind kind, long startBytes, long beforeBytes, long afterBytes);
}
