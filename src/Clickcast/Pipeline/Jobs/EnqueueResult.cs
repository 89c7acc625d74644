namespace Clickcast.Pipeline.Jobs;

/// <summary>The job an enqueue produced, and whether it is new or was already there under the same idempotency key.</summary>
/// <param name="Job">The job.</param>
/// <param name="Created">False when an existing job with the same idempotency key was returned.</param>
public readonly record struct EnqueueResult(Job Job, bool Created);
