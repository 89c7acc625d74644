namespace Clickcast.Pipeline.Jobs;

/// <summary>Runs the jobs of one kind; the pipeline registers one per <see cref="JobKind"/> it can run.</summary>
/// <remarks>
/// A handler is attempted again after a failure, and after a crash mid-run, so it must be idempotent: write
/// outputs under deterministic names, record what it did last.
/// </remarks>
public interface IJobHandler
{
    /// <summary>The kind of jobs this handler runs.</summary>
    JobKind Kind { get; }

    /// <summary>Runs one attempt of <paramref name="job"/>.</summary>
    /// <param name="job">The claimed job: inputs in <see cref="Job.Payload"/>, attempt number in <see cref="Job.Attempts"/>.</param>
    /// <param name="cancellationToken">Cancelled when the worker stops, the job is cancelled or its lease is lost.</param>
    /// <returns>The outcome; an exception counts as a failure that will be retried.</returns>
    Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken);
}
