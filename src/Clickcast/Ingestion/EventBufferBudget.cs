using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>
/// What one source file's open events files may buffer together before row groups are written early: a number of
/// events and of characters of text, fixed whatever the file's size or how many (period, shard) files it writes.
/// Each file still closes its own row group at <see cref="EventFile.RowGroupSize"/> events or
/// <see cref="EventFileWriter.MaxPendingChars"/> characters; the budget only matters when many files are open at once
/// (a sharded tenant's file writes every shard of its day), and then it decides how large their row groups can grow.
/// </summary>
/// <param name="Events">Events buffered across the open files; their buffers may hold up to twice that in capacity.</param>
/// <param name="Chars">Characters of client ids, URLs and event types buffered across the open files (an upper bound
/// of their memory: repeated values share one string).</param>
internal readonly record struct EventBufferBudget(long Events, long Chars)
{
    /// <summary>
    /// One full row group of events and 32 M characters (64 MiB at most however long the tenant's URLs are). Four
    /// row groups of events (16 shards of a day each in one row group) measured no less CPU and 60 MiB more peak RSS
    /// (docs/benchmarks.md, "Ingest CPU against avsc").
    /// </summary>
    public static EventBufferBudget Default { get; } = new(EventFile.RowGroupSize, 32L * 1024 * 1024);

    /// <summary>True when the buffered totals are over the budget: the largest buffers are to be written out.</summary>
    public bool IsExceeded(long events, long chars, long capacity) =>
        events > Events || chars > Chars || capacity > 2 * Events;

    /// <summary>True while relief must go on: until the totals are back under half the budget (and capacity under it), so that relief is not needed again at the next event.</summary>
    public bool NeedsRelief(long events, long chars, long capacity) =>
        events > Events / 2 || chars > Chars / 2 || capacity > Events;
}
