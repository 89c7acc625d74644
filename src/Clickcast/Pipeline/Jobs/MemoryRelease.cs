namespace Clickcast.Pipeline.Jobs;

/// <summary>
/// When a worker hands memory back to the operating system after a job: the one rule every job of every kind goes
/// through (<see cref="JobWorker"/>). The GC keeps the heap a job grew (a sequence build's ranges, a training sample
/// and its features) committed for a while, so the next job of another stage in the same process would start from the
/// last one's peak. A blocking, compacting, decommitting collection brings each job back to its own working set, but
/// costs a full collection and the next job's page faults (≈ 28 % more ingest CPU when it ran after every ingest job),
/// so it runs only when the job left the heap larger than it found it by more than
/// <see cref="JobOptions.ReleaseMemoryGrowthMiB"/> (what the job itself would hand on; not a streaming job's), or when
/// more than <see cref="JobOptions.ReleaseMemoryAboveMiB"/> is committed, whoever grew it. A training job hands its
/// heap back itself as it ends (<c>Pipeline.TrainJobHandler</c>), whatever it grew.
/// </summary>
public static class MemoryRelease
{
    private const long Mebibyte = 1024 * 1024;

    /// <summary>
    /// Whether a job that found <paramref name="committedAtStart"/> bytes committed and left
    /// <paramref name="committedAtEnd"/> is followed by a release: it ends above <paramref name="aboveMiB"/>, or it grew
    /// the committed heap by more than <paramref name="growthMiB"/>.
    /// </summary>
    public static bool IsDue(long committedAtStart, long committedAtEnd, int aboveMiB, int growthMiB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(committedAtStart);
        ArgumentOutOfRangeException.ThrowIfNegative(committedAtEnd);
        ArgumentOutOfRangeException.ThrowIfNegative(aboveMiB);
        ArgumentOutOfRangeException.ThrowIfNegative(growthMiB);
        return committedAtEnd > aboveMiB * Mebibyte || committedAtEnd - committedAtStart > growthMiB * Mebibyte;
    }

    /// <summary>The managed heap's committed bytes (as of the last collection).</summary>
    public static long Committed() => GC.GetGCMemoryInfo().TotalCommittedBytes;

    /// <summary>Collects everything and decommits the freed memory; returns the committed bytes before and after.</summary>
    public static (long Before, long After) Collect()
    {
        var before = Committed();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return (before, Committed());
    }
}
