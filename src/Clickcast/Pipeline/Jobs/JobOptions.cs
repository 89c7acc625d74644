using System.ComponentModel.DataAnnotations;

namespace Clickcast.Pipeline.Jobs;

/// <summary>How the job queue retries, leases and shares work between tenants, and how workers poll.</summary>
public sealed class JobOptions : IValidatableObject
{
    /// <summary>Attempts per job, the first included, unless a job says otherwise.</summary>
    [Range(1, 100)]
    public int DefaultMaxAttempts { get; set; } = 5;

    /// <summary>The wait after a failed attempt (the first wait, with exponential backoff).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Whether waits stay at <see cref="RetryInterval"/> or grow by <see cref="BackoffFactor"/>.</summary>
    public RetryBackoff Backoff { get; set; } = RetryBackoff.Fixed;

    /// <summary>What each further wait is multiplied by, with exponential backoff.</summary>
    [Range(1.0, 100.0)]
    public double BackoffFactor { get; set; } = 2.0;

    /// <summary>The longest wait, with exponential backoff.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claimed job stays a worker's without a heartbeat; after that it is given to another worker.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a worker extends the lease of the job it runs; well under <see cref="Lease"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle worker waits before asking for work again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a worker host returns jobs of crashed workers (expired leases) to the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a stopping worker waits for a running job to notice its cancelled token; after that the job is handed
    /// back to the queue anyway (its attempt not counted) and the worker stops. Under the host's shutdown timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most jobs of one tenant running at once, over all workers.</summary>
    [Range(1, 1000)]
    public int PerTenantConcurrency { get; set; } = 2;

    /// <summary>Jobs one worker host runs at once.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 1;

    /// <summary>
    /// After a job, a worker whose managed heap still has more than this many MiB committed collects and returns the
    /// free memory to the operating system (<see cref="MemoryRelease"/>), so one stage's peak does not stay with the
    /// process into the next job. 0: after every job; the maximum turns it off.
    /// </summary>
    [Range(0, 1024 * 1024)]
    public int ReleaseMemoryAboveMiB { get; set; } = 512;

    /// <summary>
    /// After a job that grew the managed heap's committed memory by more than this many MiB (from its start to its
    /// end), a worker releases it as for <see cref="ReleaseMemoryAboveMiB"/>, however small the heap: a training job
    /// leaves its sample's and features' heap (≈ 290 MiB at 100M events) below that threshold. Streaming jobs (ingest,
    /// sequence shards, score and export shards) grow it by at most ≈ 110 MiB, so they run on without a collection.
    /// 0: after every job that grew the heap; the maximum turns it off.
    /// </summary>
    [Range(0, 1024 * 1024)]
    public int ReleaseMemoryGrowthMiB { get; set; } = 192;

    /// <summary>The retry policy of jobs enqueued without one.</summary>
    public RetryPolicy DefaultRetryPolicy => Backoff == RetryBackoff.Exponential
        ? RetryPolicy.Exponential(DefaultMaxAttempts, RetryInterval, BackoffFactor, MaxRetryInterval)
        : RetryPolicy.Fixed(DefaultMaxAttempts, RetryInterval);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HeartbeatInterval >= Lease)
        {
            yield return new ValidationResult($"{nameof(HeartbeatInterval)} ({HeartbeatInterval}) must be shorter than {nameof(Lease)} ({Lease}), or every job loses its lease while it runs.", [nameof(HeartbeatInterval), nameof(Lease)]);
        }

        if (Backoff == RetryBackoff.Exponential && MaxRetryInterval < RetryInterval)
        {
            yield return new ValidationResult($"{nameof(MaxRetryInterval)} ({MaxRetryInterval}) must not be shorter than {nameof(RetryInterval)} ({RetryInterval}).", [nameof(MaxRetryInterval)]);
        }
    }
}
