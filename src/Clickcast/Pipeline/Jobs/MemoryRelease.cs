namespace Clickcast.Pipeline.Jobs;

/// <summary>
/// When a worker hands memory back to the operating system after a job. The GC keeps the heap a job grew (a
/// sequence build's ranges, a training sample) committed for a while, so the next job of another stage in the same
/// process would start from the last one's peak; a blocking, compacting, decommitting collection after a job that
/// left more than <see cref="JobOptions.ReleaseMemoryAboveMiB"/> committed brings each job back to its own
/// working set (peak RSS per job, not per process history).
/// </summary>
public static class MemoryRelease
{
    private const long Mebibyte = 1024 * 1024;

    /// <summary>Whether a heap of <paramref name="committedBytes"/> is to be released, under a threshold in MiB.</summary>
    public static bool IsDue(long committedBytes, int thresholdMiB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(committedBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdMiB);
        return committedBytes > thresholdMiB * Mebibyte;
    }

    /// <summary>Collects everything and decommits the freed memory; returns the committed bytes before and after.</summary>
    public static (long Before, long After) Collect()
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return (before, GC.GetGCMemoryInfo().TotalCommittedBytes);
    }
}
