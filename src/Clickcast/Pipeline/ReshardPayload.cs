namespace Clickcast.Pipeline;

/// <summary>The inputs of a re-shard job: the tenant's shard count when it was asked for, and the new one.</summary>
/// <param name="From">The shard count the events are in when the job was enqueued.</param>
/// <param name="To">The shard count they are rewritten into.</param>
public sealed record ReshardPayload(int From, int To);
