using System.Text.Json;
using Clickcast.Events;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.Pipeline;

/// <summary>Asking for a re-shard (API and CLI alike): checked, refused while another one is queued or running, then queued.</summary>
public static class ReshardRequest
{
    /// <summary>
    /// Queues a re-shard of <paramref name="tenant"/> to <paramref name="shards"/>; a problem instead when it may not run
    /// (<c>Conflict</c>: one is already under way). The operator's <see cref="TenantLimits.MaxShards"/> is checked here,
    /// before any file is rewritten, not when the finished re-shard saves the count.
    /// </summary>
    public static async Task<(Job? Job, string? Problem, bool Conflict)> EnqueueAsync(JobQueue queue, TenantDefinition tenant, int shards, TenantLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(limits);
        if (!ClientShard.IsValidCount(shards))
        {
            return (null, $"shards: {shards} is not a power of two from 1 to {ClientShard.MaxShards}", false);
        }

        if (shards > limits.MaxShards)
        {
            return (null, $"shards: {shards} exceeds the operator's limit {limits.MaxShards} (Limits:{nameof(TenantLimits.MaxShards)})", false);
        }

        if (shards == tenant.Shards)
        {
            return (null, $"shards: tenant '{tenant.Id}' already has {shards} shard(s)", false);
        }

        foreach (var status in new[] { JobStatus.Queued, JobStatus.Running })
        {
            if ((await queue.ListAsync(new JobQuery { Tenant = tenant.Id, Kind = JobKind.Reshard, Status = status, Limit = 1 }, cancellationToken).ConfigureAwait(false)) is [var running, ..])
            {
                return (null, $"a re-shard of tenant '{tenant.Id}' is {status.ToString().ToLowerInvariant()} (run {running.Id}): wait for it to finish", true);
            }
        }

        var payload = JsonSerializer.Serialize(new ReshardPayload(tenant.Shards, shards), ClickcastJson.Options);
        var result = await queue.EnqueueAsync(new JobRequest(tenant.Id, JobKind.Reshard) { Payload = payload }, cancellationToken).ConfigureAwait(false);
        return (result.Job, null, false);
    }
}
