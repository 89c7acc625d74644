namespace Clickcast.Ingestion;

/// <summary>What one <see cref="EventCompaction.CompactAsync"/> did.</summary>
/// <param name="Folders">(period, shard) folders compacted.</param>
/// <param name="FilesMerged">Files merged (source files and small compacted files).</param>
/// <param name="FilesWritten">Compacted files written.</param>
/// <param name="Rows">Events rewritten.</param>
/// <param name="Deleted">Files deleted (the merged ones, and leftovers of killed runs).</param>
public sealed record CompactionCounts(int Folders, int FilesMerged, int FilesWritten, long Rows, int Deleted)
{
    public static CompactionCounts operator +(CompactionCounts a, CompactionCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Folders + b.Folders, a.FilesMerged + b.FilesMerged, a.FilesWritten + b.FilesWritten, a.Rows + b.Rows, a.Deleted + b.Deleted);
    }

    public static CompactionCounts Add(CompactionCounts a, CompactionCounts b) => a + b;
}
