using System.Collections.Concurrent;
using Clickcast.Pipeline.Jobs;

namespace Clickcast.Tests.Support;

/// <summary>A job handler that records every attempt and runs what the test tells it to.</summary>
public sealed class RecordingHandler(JobKind kind, Func<Job, CancellationToken, Task<JobOutcome>>? run = null) : IJobHandler
{
    private readonly Func<Job, CancellationToken, Task<JobOutcome>> _run = run ?? ((_, _) => Task.FromResult(JobOutcome.Succeeded()));

    public JobKind Kind { get; } = kind;

    public ConcurrentQueue<Job> Attempts { get; } = new();

    public Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(job);
        return _run(job, cancellationToken);
    }
}
