namespace Clickcast.Events;

/// <summary>
/// One source file's events as they are stored now: its own file (<paramref name="Rows"/> null), or a row range of a
/// compacted file. <paramref name="Source"/> is the key the source file has (or had before compaction).
/// </summary>
public readonly record struct EventPiece(EventFileKey Source, EventFileKey File, long First, long? Rows)
{
    /// <summary>Whether the piece lives in a compacted file.</summary>
    public bool IsCompacted => Rows is not null;
}
