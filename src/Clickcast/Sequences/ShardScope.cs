using System.Globalization;
using System.Numerics;
using Clickcast.Events;

namespace Clickcast.Sequences;

/// <summary>
/// The client-hash shard a build works on (<see cref="ClientShard"/>): which events it keeps, how it splits them
/// further into ranges (by the hash bits below the shard's own), and how its segments are named. The whole tenant
/// is shard 0 of 1, which keeps every name and split as they were before sharding.
/// </summary>
internal readonly record struct ShardScope(int Shard, int Shards)
{
    /// <summary>The whole tenant.</summary>
    public static ShardScope All => new(0, 1);

    /// <summary>The hash bits that name the shard.</summary>
    public int Bits => BitOperations.Log2((uint)Shards);

    /// <summary>Whether a client with this hash belongs to the shard.</summary>
    public bool Contains(ulong hash) => ClientShard.Of(hash, Shards) == Shard;

    /// <summary>The range of a hash among <paramref name="ranges"/> ranges of this shard: the top bits below the shard's.</summary>
    public int RangeOf(ulong hash, int ranges) =>
        ranges == 1 ? 0 : (int)((hash << Bits) >> (64 - BitOperations.Log2((uint)ranges)));

    /// <summary>The part of a segment's name that tells its shard: empty for an unsharded tenant, so names stay as they were.</summary>
    public string SegmentTag => Shards == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"s{Shard:D4}-");
}
