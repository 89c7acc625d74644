namespace Clickcast.Sequences;

/// <summary>What a sequence update did.</summary>
public enum SequenceUpdateMode
{
    /// <summary>No new event files: nothing changed.</summary>
    UpToDate = 0,

    /// <summary>Built from all event files (first build, changed settings, or removed event files).</summary>
    Full,

    /// <summary>Only the new event files were read; their clients went into a delta segment.</summary>
    Incremental,

    /// <summary>Incremental, then the deltas were merged into a new base.</summary>
    IncrementalWithCompaction,
}
