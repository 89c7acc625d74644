using System.ComponentModel.DataAnnotations;

namespace Clickcast.Sequences;

/// <summary>How per-client sequences are built and kept.</summary>
public sealed class SequenceOptions
{
    /// <summary>Most recent events kept per client; older ones only count towards the totals.</summary>
    [Range(1, 1_000_000)]
    public int MaxEvents { get; set; } = 500;

    /// <summary>
    /// The events one build holds in memory at once (a sequence job's memory budget): a build of at most this many
    /// events holds them all without spilling; a larger one spills them by client hash and builds ranges of at most
    /// this / (2 × <see cref="MaxParallelism"/>) events, <see cref="MaxParallelism"/> at a time, so its memory stays
    /// flat however large the tenant grows (<see cref="RangePlan"/>). Compaction writes base segments of about this many events.
    /// </summary>
    [Range(10_000, 100_000_000)]
    public int EventsPerRange { get; set; } = 1_250_000;

    /// <summary>
    /// Incremental updates add small delta segments; when their events pass this share of the base, the next
    /// update compacts everything into a new base.
    /// </summary>
    [Range(0.01, 100.0)]
    public double CompactionRatio { get; set; } = 0.5;

    /// <summary>Delta segments after which the next update compacts regardless of their size.</summary>
    [Range(1, 10_000)]
    public int MaxDeltaSegments { get; set; } = 32;

    /// <summary>Ranges built at the same time, together within <see cref="EventsPerRange"/> events.</summary>
    [Range(1, 64)]
    public int MaxParallelism { get; set; } = Math.Min(Environment.ProcessorCount, 2);
}
