namespace Clickcast.Sequences;

/// <summary>The role of a segment in a tenant's sequence store.</summary>
public enum SegmentKind
{
    /// <summary>A compacted segment: base segments cover disjoint client-hash ranges, in order.</summary>
    Base = 0,

    /// <summary>The sequences of clients with new events from one incremental update, merged in when read.</summary>
    Delta,
}
