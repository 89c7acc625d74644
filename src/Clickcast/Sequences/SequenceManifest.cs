namespace Clickcast.Sequences;

/// <summary>
/// The state of a tenant's sequences: which segments make them up and which event files they include. Written
/// last and atomically by every update, so readers always see a complete generation.
/// </summary>
public sealed record SequenceManifest
{
    /// <summary>Layout version of the manifest and segments.</summary>
    public int Layout { get; init; } = CurrentLayout;

    /// <summary>The layout this version writes; a manifest of another layout is rebuilt from the events.</summary>
    public const int CurrentLayout = 2;

    /// <summary>Increases with every update that changed something.</summary>
    public long Generation { get; init; }

    /// <summary>The per-client cap the segments were built with.</summary>
    public int MaxEvents { get; init; }

    /// <summary>
    /// The client-hash shards the segments were built in (<see cref="Events.ClientShard"/>): 1 for an unsharded
    /// tenant (and every manifest written before sharding). With more, every segment lies inside one shard.
    /// </summary>
    public int Shards { get; init; } = 1;

    /// <summary>Events read into each shard over all updates (<see cref="TotalEvents"/> per shard); empty when unsharded.</summary>
    public IReadOnlyList<long> ShardEvents { get; init; } = [];

    /// <summary>Segments, base ones first in hash order, then deltas oldest first.</summary>
    public IReadOnlyList<SegmentInfo> Segments { get; init; } = [];

    /// <summary>Event files folded in, by object key.</summary>
    public IReadOnlyList<string> EventFiles { get; init; } = [];

    /// <summary>Events read into the sequences over all updates (every event, not only the kept ones): how much data the tenant has.</summary>
    public long TotalEvents { get; init; }

    /// <summary>When this generation was written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The latest event time in the tenant's data: the data's "now", which scoring measures recency to.</summary>
    public long LatestEventMicros => Segments.Count == 0 ? 0 : Segments.Max(s => s.LastEventMicros);

    /// <summary>Kept events in base segments.</summary>
    public long BaseEvents => Segments.Where(s => s.Kind == SegmentKind.Base).Sum(s => s.Events);

    /// <summary>Kept events in delta segments.</summary>
    public long DeltaEvents => Segments.Where(s => s.Kind == SegmentKind.Delta).Sum(s => s.Events);
}
