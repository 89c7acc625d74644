using System.ComponentModel.DataAnnotations;

namespace Clickcast.Sequences;

/// <summary>How per-client sequences are built and kept.</summary>
public sealed class SequenceOptions
{
    /// <summary>Most recent events kept per client; older ones only count towards the totals.</summary>
    [Range(1, 1_000_000)]
    public int MaxEvents { get; set; } = 500;

    /// <summary>
    /// Events held in memory at once while building: the work is split by client hash into ranges of about this
    /// many events, which bounds peak memory however large the tenant grows.
    /// </summary>
    [Range(10_000, 100_000_000)]
    public int EventsPerRange { get; set; } = 2_000_000;

    /// <summary>
    /// Incremental updates add small delta segments; when their events pass this share of the base, the next
    /// update compacts everything into a new base.
    /// </summary>
    [Range(0.01, 100.0)]
    public double CompactionRatio { get; set; } = 0.5;

    /// <summary>Delta segments after which the next update compacts regardless of their size.</summary>
    [Range(1, 10_000)]
    public int MaxDeltaSegments { get; set; } = 32;

    /// <summary>Ranges built at the same time (each holds up to <see cref="EventsPerRange"/> events).</summary>
    [Range(1, 64)]
    public int MaxParallelism { get; set; } = Math.Min(Environment.ProcessorCount, 2);
}
