namespace Clickcast.Pipeline.Jobs;

/// <summary>A job as the queue stores it: its inputs, outputs and history.</summary>
/// <param name="Id">Assigned by the database, increasing.</param>
/// <param name="Tenant">The tenant the job works for.</param>
/// <param name="Task">The prediction task, when the job belongs to one.</param>
/// <param name="Kind">Which handler runs it.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="Payload">Inputs, JSON.</param>
/// <param name="Result">Outputs, JSON, once succeeded.</param>
/// <param name="LastError">Why the latest failed attempt failed; kept after a later success, as history.</param>
/// <param name="IdempotencyKey">The key that made enqueueing idempotent, if any.</param>
/// <param name="ParentId">The job that caused this one.</param>
/// <param name="Attempts">Attempts started so far.</param>
/// <param name="Retry">Attempts allowed and waits between them.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="NextRunAt">When it may run (next); for a queued job after a failure, when it is retried.</param>
/// <param name="StartedAt">When the latest attempt started.</param>
/// <param name="FinishedAt">When it succeeded, was dead-lettered or cancelled.</param>
/// <param name="LeaseOwner">The worker running it.</param>
/// <param name="LeaseExpiresAt">When the worker's lease ends unless it heartbeats.</param>
/// <param name="Outcome">What the run achieved once finished (a succeeded run may have quarantined its file or lacked data); null while it runs.</param>
/// <param name="OutcomeReason">Why it ended with <paramref name="Outcome"/>, in words.</param>
public sealed record Job(
    long Id,
    string Tenant,
    string? Task,
    JobKind Kind,
    JobStatus Status,
    string Payload,
    string? Result,
    string? LastError,
    string? IdempotencyKey,
    long? ParentId,
    int Attempts,
    RetryPolicy Retry,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextRunAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    RunOutcome? Outcome = null,
    string? OutcomeReason = null);
