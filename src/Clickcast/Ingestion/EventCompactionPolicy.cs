namespace Clickcast.Ingestion;

/// <summary>
/// When a (period, shard) folder of events is compacted and how big compacted files are: the stated bound. Once
/// compaction has run, a folder of E events holds at most ⌊E / <see cref="TargetRows"/>⌋ + 1 compacted files, and
/// at most <see cref="Trigger"/> files ingested since: ≤ ⌊E / R⌋ + T + 1 files.
/// </summary>
public static class EventCompactionPolicy
{
    /// <summary>T: a folder with more uncompacted files than this is compacted after the ingest that made it so.</summary>
    public const int Trigger = 16;

    /// <summary>R: a compacted file is closed once it holds this many events; smaller compacted files are merged again.</summary>
    public const long TargetRows = 1L << 20;

    /// <summary>Whether a folder with <paramref name="uncompacted"/> source files not yet compacted needs a compaction.</summary>
    public static bool NeedsCompaction(int uncompacted) => uncompacted > Trigger;

    /// <summary>Whether a compacted file of <paramref name="rows"/> events is merged again by the next compaction of its folder.</summary>
    public static bool IsSmall(long rows) => rows < TargetRows;

    /// <summary>Whether a compaction merges anything: at least two files (sources or small compacted files) to make one.</summary>
    public static bool Merges(int uncompacted, int smallCompacted) => uncompacted + smallCompacted >= 2;

    /// <summary>Whether an output that holds <paramref name="rows"/> events after its latest source is closed.</summary>
    public static bool Closes(long rows) => rows >= TargetRows;

    /// <summary>The outputs a compaction makes of sources of <paramref name="rows"/> events, in order: each output's source indexes.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Pack(IReadOnlyList<long> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var outputs = new List<IReadOnlyList<int>>();
        var current = new List<int>();
        long held = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            current.Add(i);
            held += rows[i];
            if (Closes(held))
            {
                outputs.Add(current);
                (current, held) = ([], 0);
            }
        }

        if (current.Count > 0)
        {
            outputs.Add(current);
        }

        return outputs;
    }
}
