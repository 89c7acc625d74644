namespace Clickcast.Sequences;

/// <summary>
/// What one shard's build left for the commit: the shard's segments and event files after the update (its kept
/// ones plus what it wrote), so the commit only has to put the shards side by side in one manifest.
/// </summary>
/// <param name="Shard">The shard.</param>
/// <param name="Shards">The tenant's shard count.</param>
/// <param name="BaseGeneration">The committed generation the shard started from (0 before the first build).</param>
/// <param name="Generation">The generation it builds.</param>
/// <param name="MaxEvents">The per-client cap it built with.</param>
/// <param name="Mode">Full, incremental (with or without compaction), or up to date: nothing new, segments kept.</param>
/// <param name="Segments">The shard's segments after the update, base ones in hash order first.</param>
/// <param name="EventFiles">The event files folded into the shard.</param>
/// <param name="TotalEvents">Events read into the shard over all updates.</param>
/// <param name="FilesRead">Event files read by this build.</param>
/// <param name="EventsRead">Events of the shard's clients read by this build.</param>
/// <param name="Clients">Clients with new events.</param>
/// <param name="Ranges">Client-hash ranges the shard was split into in memory or on disk.</param>
/// <param name="Duration">Wall-clock time of the shard's build.</param>
public sealed record ShardBuild(
    int Shard,
    int Shards,
    long BaseGeneration,
    long Generation,
    int MaxEvents,
    SequenceUpdateMode Mode,
    IReadOnlyList<SegmentInfo> Segments,
    IReadOnlyList<string> EventFiles,
    long TotalEvents,
    int FilesRead,
    long EventsRead,
    long Clients,
    int Ranges,
    TimeSpan Duration);
