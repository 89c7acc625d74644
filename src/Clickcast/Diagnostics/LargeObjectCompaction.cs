using System.Runtime;

namespace Clickcast.Diagnostics;

/// <summary>
/// Keeps one long streaming pass (scoring everyone, exporting a predictions file) from growing its resident memory with
/// the tenant. Its live data is small and bounded (a batch, a row group, a spill buffer), but row groups decode into
/// large arrays of varying sizes, and the GC neither compacts the large-object heap nor collects it often while the
/// heap looks healthy, so the free gaps stay committed and pile up with every row group read. <see cref="Tick"/>,
/// called at a row-group or batch boundary, runs one full, compacting collection (the large-object heap included)
/// every <see cref="CollectEveryBytes"/> allocated: the committed heap stays near the live data plus that allowance,
/// whatever the number of rows, for a few short collections of a small live heap.
/// A pass opts in by creating one and handing it to the readers and writers it streams through; short reads (an API
/// request's predictions) pass none and never force a collection.
/// </summary>
public sealed class LargeObjectCompaction
{
    /// <summary>Bytes allocated between two compacting collections by default: 256 MiB.</summary>
    public const long CollectEveryBytes = 256L * 1024 * 1024;

    private readonly long _every;
    private long _next;
    private long _collections;

    /// <summary>A pass that collects every <paramref name="collectEveryBytes"/> allocated (by the whole process).</summary>
    public LargeObjectCompaction(long collectEveryBytes = CollectEveryBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(collectEveryBytes);
        _every = collectEveryBytes;
    }

    /// <summary>Compacting collections this pass has run.</summary>
    public long Collections => Interlocked.Read(ref _collections);

    /// <summary>Runs a compacting full collection when <see cref="IsDue"/> (the first call only starts counting).</summary>
    public void Tick()
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var next = Interlocked.Read(ref _next);
        if (next == 0)
        {
            Interlocked.CompareExchange(ref _next, allocated + _every, 0);
            return;
        }

        if (!IsDue(allocated, next) || Interlocked.CompareExchange(ref _next, allocated + _every, next) != next)
        {
            return;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        Interlocked.Increment(ref _collections);
    }

    /// <summary>Whether the process, having allocated <paramref name="allocatedBytes"/> in all, reached the collection due at <paramref name="dueAtBytes"/>.</summary>
    public static bool IsDue(long allocatedBytes, long dueAtBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(allocatedBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(dueAtBytes);
        return allocatedBytes >= dueAtBytes;
    }
}
