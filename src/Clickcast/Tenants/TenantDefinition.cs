using System.ComponentModel.DataAnnotations;
using Clickcast.Ingestion;
using Clickcast.Sequences;

namespace Clickcast.Tenants;

/// <summary>A tenant and everything its pipeline needs: how its files are read, how sequences are kept, its tasks.</summary>
public sealed class TenantDefinition
{
    /// <summary>Tenant id (a-z, 0-9, '-', '_'); its data lives under <c>tenants/{id}/</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9_-]{0,63}$")]
    public string Id { get; set; } = string.Empty;

    /// <summary>A name for people.</summary>
    public string? DisplayName { get; set; }

    /// <summary>How raw files are read and cleaned.</summary>
    public IngestOptions Ingest { get; set; } = new();

    /// <summary>
    /// Client-hash shards the tenant's data is split into from ingest on (a power of two, 1 to
    /// <see cref="Events.ClientShard.MaxShards"/>); each shard's events, sequences, scores and export batches are one job.
    /// Changed only by an explicit re-shard.
    /// </summary>
    public int Shards { get; set; } = 1;

    /// <summary>How sequences are built.</summary>
    public SequenceOptions Sequences { get; set; } = new();

    /// <summary>The tenant's predictive tasks.</summary>
    public IList<TaskDefinition> Tasks { get; set; } = [];
}
