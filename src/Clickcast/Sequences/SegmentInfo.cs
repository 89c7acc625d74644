namespace Clickcast.Sequences;

/// <summary>One segment file listed in the sequence manifest.</summary>
/// <param name="Key">Object key of the segment.</param>
/// <param name="Kind">Base or delta.</param>
/// <param name="Generation">The update that wrote it.</param>
/// <param name="Clients">Client rows in the segment.</param>
/// <param name="Events">Kept events in the segment.</param>
/// <param name="MinHash">Smallest client hash in the segment.</param>
/// <param name="MaxHash">Largest client hash in the segment.</param>
/// <param name="LastEventMicros">Latest event time in the segment (microseconds since the epoch, UTC).</param>
public sealed record SegmentInfo(string Key, SegmentKind Kind, long Generation, long Clients, long Events, ulong MinHash, ulong MaxHash, long LastEventMicros = 0);
