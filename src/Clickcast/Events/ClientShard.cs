using System.Numerics;

namespace Clickcast.Events;

/// <summary>
/// Which of a tenant's shards a client belongs to: the top log2(shards) bits of its <see cref="ClientHash"/>. A shard
/// is therefore one contiguous client-hash range, the same ranges the sequence segments are ordered by, and doubling
/// the shard count splits every shard in two without moving a client anywhere else.
/// </summary>
public static class ClientShard
{
    /// <summary>The largest shard count a tenant may have.</summary>
    public const int MaxShards = 1024;

    /// <summary>Whether <paramref name="shards"/> is a valid shard count: a power of two from 1 to <see cref="MaxShards"/>.</summary>
    public static bool IsValidCount(int shards) => shards is >= 1 and <= MaxShards && BitOperations.IsPow2(shards);

    /// <summary>The shard of a client with hash <paramref name="hash"/> among <paramref name="shards"/>.</summary>
    public static int Of(ulong hash, int shards)
    {
        Check(shards);
        return shards == 1 ? 0 : (int)(hash >> (64 - BitOperations.Log2((uint)shards)));
    }

    /// <summary>The shard of <paramref name="clientId"/> among <paramref name="shards"/>.</summary>
    public static int Of(string clientId, int shards) => Of(ClientHash.Of(clientId), shards);

    /// <summary>The client hashes of shard <paramref name="shard"/>: from <c>First</c> to <c>Last</c>, both included.</summary>
    public static (ulong First, ulong Last) Range(int shard, int shards)
    {
        Check(shards);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        if (shards == 1)
        {
            return (0, ulong.MaxValue);
        }

        var bits = 64 - BitOperations.Log2((uint)shards);
        var first = (ulong)shard << bits;
        return (first, first + ((1UL << bits) - 1));
    }

    private static void Check(int shards)
    {
        if (!IsValidCount(shards))
        {
            throw new ArgumentOutOfRangeException(nameof(shards), shards, $"a shard count is a power of two from 1 to {MaxShards}");
        }
    }
}
