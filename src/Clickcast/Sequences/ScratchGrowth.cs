namespace Clickcast.Sequences;

/// <summary>
/// How the reused large arrays of a sequence build (range buffers with their sort scratch, segment column buffers)
/// grow: to what is needed, but at least an eighth more than they had.
/// </summary>
/// <remarks>
/// Shards, ranges and row groups of one update differ in size by a few percent. Growing to exactly the next one's
/// size replaced the arrays at nearly each larger one, every replaced set tens of megabytes of large-object holes
/// that the non-compacting large-object heap kept committed; doubling (the column buffers' old rule) held up to twice
/// what a row group needs. With an eighth, a reused set grows once or twice per update and holds at most 1/8 spare.
/// </remarks>
internal static class ScratchGrowth
{
    /// <summary>The capacity an array holding <paramref name="current"/> items gets when it must hold <paramref name="needed"/>.</summary>
    public static int Capacity(int current, int needed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        ArgumentOutOfRangeException.ThrowIfNegative(needed);
        return needed <= current ? current : (int)Math.Min(Array.MaxLength, Math.Max(needed, current + (current / 8L)));
    }
}
