using System.Runtime;

namespace Clickcast.Diagnostics;

/// <summary>
/// Keeps a long streaming pass (scoring everyone, exporting a predictions file) from growing its resident memory with
/// the tenant. Its live data is small and bounded (a batch, a row group, a spill buffer), but row groups decode into
/// large arrays of varying sizes, and the GC neither compacts the large-object heap nor collects it often while the
/// heap looks healthy, so the free gaps stay committed and pile up with every row group read. <see cref="Tick"/>,
/// called at a row-group or batch boundary, runs one full, compacting collection (the large-object heap included)
/// every <see cref="CollectEveryBytes"/> allocated: the committed heap stays near the live data plus that allowance,
/// whatever the number of rows, for a few short collections of a small live heap.
/// </summary>
public static class LargeObjectCompaction
{
    /// <summary>Bytes allocated between two compacting collections: 256 MiB.</summary>
    public const long CollectEveryBytes = 256L * 1024 * 1024;

    private static long s_next;

    /// <summary>Runs a compacting full collection when <see cref="IsDue"/> (the first call only starts counting).</summary>
    public static void Tick()
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var next = Volatile.Read(ref s_next);
        if (!IsDue(allocated, next) || Interlocked.CompareExchange(ref s_next, allocated + CollectEveryBytes, next) != next || next == 0)
        {
            return;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>Whether the process, having allocated <paramref name="allocatedBytes"/> in all, reached the collection due at <paramref name="dueAtBytes"/>.</summary>
    public static bool IsDue(long allocatedBytes, long dueAtBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(allocatedBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(dueAtBytes);
        return allocatedBytes >= dueAtBytes;
    }
}
