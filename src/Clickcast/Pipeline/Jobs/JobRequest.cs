namespace Clickcast.Pipeline.Jobs;

/// <summary>What to enqueue: a tenant, a kind, and the job's inputs.</summary>
/// <param name="Tenant">The tenant the job works for.</param>
/// <param name="Kind">Which handler runs it.</param>
public sealed record JobRequest(string Tenant, JobKind Kind)
{
    /// <summary>The prediction task the job belongs to, when it belongs to one.</summary>
    public string? Task { get; init; }

    /// <summary>The job's inputs as a JSON document.</summary>
    public string Payload { get; init; } = "{}";

    /// <summary>
    /// Makes enqueueing idempotent: while a job of the tenant has this key, enqueueing again returns that job.
    /// Null always enqueues a new job.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The earliest time the job may run; now when null.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The job that caused this one (lineage).</summary>
    public long? ParentId { get; init; }

    /// <summary>Attempts and waits; the queue's default (<see cref="JobOptions"/>) when null.</summary>
    public RetryPolicy? Retry { get; init; }
}
