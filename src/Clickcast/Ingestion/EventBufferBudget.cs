using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>
/// What one source file's events may fill of the buffer its open events files share before it is written out (each
/// file's share as one row group): a number of events and of characters of text, fixed whatever the file's size or
/// how many (period, shard) files it writes. A row group still closes at <see cref="EventFile.RowGroupSize"/> events;
/// with many files open at once (a sharded tenant's file writes every shard of its day) the budget decides how large
/// their row groups can grow.
/// </summary>
/// <param name="Events">Events buffered across the open files, and the most the shared buffer holds.</param>
/// <param name="Chars">Characters of client ids, URLs and event types buffered across the open files (an upper bound
/// of their memory: repeated values share one string).</param>
internal readonly record struct EventBufferBudget(long Events, long Chars)
{
    private const int BytesPerEvent = (3 * sizeof(long)) + sizeof(long) + sizeof(int);

    /// <summary>
    /// One full row group of events and 32 M characters (64 MiB at most however long the tenant's URLs are). Four
    /// row groups of events (16 shards of a day each in one row group) measured no less CPU and 60 MiB more peak RSS
    /// (docs/benchmarks.md, "Ingest CPU against avsc").
    /// </summary>
    public static EventBufferBudget Default { get; } = new(EventFile.RowGroupSize, 32L * 1024 * 1024);

    /// <summary>
    /// Managed memory the buffered events can hold at most: per event its three string references, timestamp and file
    /// slot (36 bytes), and two bytes per character of text (string headers left out: repeated values share one string).
    /// An ingest keeps its heap within this per file at once (<see cref="IngestHeap"/>): 73 MiB by default.
    /// </summary>
    public long HeapBytes => (Events * BytesPerEvent) + (Chars * sizeof(char));

    /// <summary>True when the buffered events or their characters have reached the budget: the buffer is to be written out.</summary>
    public bool IsReached(long events, long chars) => events >= Events || chars >= Chars;
}
