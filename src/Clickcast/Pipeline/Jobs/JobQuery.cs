using System.ComponentModel.DataAnnotations;

namespace Clickcast.Pipeline.Jobs;

/// <summary>Filters and a page of the run history, newest job first. Unset filters match everything.</summary>
public sealed record JobQuery
{
    /// <summary>Only this tenant's jobs.</summary>
    public string? Tenant { get; init; }

    /// <summary>Only jobs of this prediction task.</summary>
    public string? Task { get; init; }

    /// <summary>Only jobs of this kind.</summary>
    public JobKind? Kind { get; init; }

    /// <summary>Only jobs in this status.</summary>
    public JobStatus? Status { get; init; }

    /// <summary>Only jobs created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only jobs created before this time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Only jobs this job caused (lineage: its children).</summary>
    public long? ParentId { get; init; }

    /// <summary>Paging cursor: only jobs with a smaller id; pass the last id of the previous page.</summary>
    public long? BeforeId { get; init; }

    /// <summary>The page size.</summary>
    [Range(1, 1000)]
    public int Limit { get; init; } = 50;
}
