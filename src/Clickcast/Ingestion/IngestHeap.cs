namespace Clickcast.Ingestion;

/// <summary>
/// Keeps an ingest's managed heap near what its event buffers can hold. The buffered events live until their row group
/// is written and die together, after surviving a gen0 collection or two: the GC promotes them and lets the heap grow
/// by whole row groups of garbage before its next gen1 or full collection (a 16-shard ingest of the two largest files
/// of a 100M generation peaked at 391-413 MiB instead of 281). So, after each row group, when the heap measured at the
/// last collection exceeds the budget (<see cref="EventBufferBudget.HeapBytes"/> per file ingested at once), the
/// writer asks for a gen1 collection; the budget is the job's own, not a process-wide limit (a later train job in the
/// same worker needs more).
/// </summary>
/// <param name="heapBytes">The managed heap after the last collection.</param>
/// <param name="collect">A collection of the young generations.</param>
internal sealed class IngestHeap(Func<long> heapBytes, Action collect)
{
    /// <summary>
    /// This process's heap: a blocking gen1 collection (a full one brought the peak no lower, docs/benchmarks.md,
    /// "Ingest heap").
    /// </summary>
    public static IngestHeap Process { get; } = new(
        () => GC.GetGCMemoryInfo().HeapSizeBytes,
        () => GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: false));

    /// <summary>Whether a heap of <paramref name="heapBytes"/> is over a budget of <paramref name="budgetBytes"/>.</summary>
    public static bool IsDue(long heapBytes, long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(heapBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetBytes);
        return heapBytes > budgetBytes;
    }

    /// <summary>Collects when the heap is over <paramref name="budgetBytes"/>; returns whether it did.</summary>
    public bool CollectIfOver(long budgetBytes)
    {
        if (!IsDue(heapBytes(), budgetBytes))
        {
            return false;
        }

        collect();
        return true;
    }
}
