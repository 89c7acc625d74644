namespace Clickcast.Pipeline.Jobs;

/// <summary>How often a job is attempted and how long it waits between attempts; stored with each job.</summary>
public readonly record struct RetryPolicy
{
    /// <summary>Creates a policy; prefer <see cref="Fixed"/> and <see cref="Exponential"/>.</summary>
    [System.Text.Json.Serialization.JsonConstructor]
    public RetryPolicy(int maxAttempts, RetryBackoff backoff, TimeSpan interval, double factor, TimeSpan maxInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInterval, interval);
        MaxAttempts = maxAttempts;
        Backoff = backoff;
        Interval = interval;
        Factor = factor;
        MaxInterval = maxInterval;
    }

    /// <summary>The product default: 5 attempts, 20 s apart.</summary>
    public static RetryPolicy Default { get; } = Fixed(5, TimeSpan.FromSeconds(20));

    /// <summary>Attempts in all, the first included; after the last failed one the job is dead-lettered.</summary>
    public int MaxAttempts { get; }

    /// <summary>Whether the wait grows.</summary>
    public RetryBackoff Backoff { get; }

    /// <summary>The wait after the first failed attempt.</summary>
    public TimeSpan Interval { get; }

    /// <summary>What each further wait is multiplied by (exponential backoff).</summary>
    public double Factor { get; }

    /// <summary>The longest wait (exponential backoff).</summary>
    public TimeSpan MaxInterval { get; }

    /// <summary><paramref name="maxAttempts"/> attempts, <paramref name="interval"/> apart.</summary>
    public static RetryPolicy Fixed(int maxAttempts, TimeSpan interval) => new(maxAttempts, RetryBackoff.Fixed, interval, 1.0, interval);

    /// <summary><paramref name="maxAttempts"/> attempts, waiting base, base × factor, base × factor², ... at most <paramref name="maxInterval"/>.</summary>
    public static RetryPolicy Exponential(int maxAttempts, TimeSpan baseInterval, double factor, TimeSpan maxInterval) =>
        new(maxAttempts, RetryBackoff.Exponential, baseInterval, factor, maxInterval);

    /// <summary>True when a job that has made <paramref name="attempts"/> attempts may make another.</summary>
    public bool AllowsAnotherAttempt(int attempts) => attempts < MaxAttempts;

    /// <summary>The wait after the <paramref name="attempts"/>-th attempt failed.</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        if (Backoff == RetryBackoff.Fixed || attempts <= 1)
        {
            return Interval;
        }

        var milliseconds = Interval.TotalMilliseconds * Math.Pow(Factor, attempts - 1);
        return milliseconds >= MaxInterval.TotalMilliseconds ? MaxInterval : TimeSpan.FromMilliseconds(milliseconds);
    }
}
