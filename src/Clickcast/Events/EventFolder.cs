namespace Clickcast.Events;

/// <summary>
/// One (period, shard) folder of a layout as listed: every events file in it, and its compaction index if any. What
/// readers see of it is decided here, once: the index's compacted files, and the files it does not cover.
/// </summary>
public sealed class EventFolder(string period, int shard, int shards)
{
    public string Period { get; } = period;

    public int Shard { get; } = shard;

    public int Shards { get; } = shards;

    /// <summary>Every events file in the folder, visible or not, in key order.</summary>
    public List<EventFileKey> Files { get; } = [];

    /// <summary>The committed compaction index, or null.</summary>
    public EventCompactionIndex? Index { get; set; }

    /// <summary>Whether a reader sees <paramref name="file"/>: a compacted file the index lists, or a source file it does not cover.</summary>
    public bool IsVisible(EventFileKey file, HashSet<string> covered) =>
        EventCompactionIndex.IsCompacted(file.Name)
            ? Index?.Files.Any(f => f.Name == file.Name) == true
            : !covered.Contains(file.Name);

    /// <summary>The files readers see, in key order.</summary>
    public IEnumerable<EventFileKey> Visible()
    {
        var covered = Index?.CoveredSources() ?? [];
        return Files.Where(f => IsVisible(f, covered));
    }

    /// <summary>Files no reader sees: compacted files no commit lists, source files a commit covers. Safe to delete.</summary>
    public IEnumerable<EventFileKey> Invisible()
    {
        var covered = Index?.CoveredSources() ?? [];
        return Files.Where(f => !IsVisible(f, covered));
    }

    /// <summary>Every source's events as stored now: visible source files whole, compacted files' row ranges.</summary>
    public IEnumerable<EventPiece> Pieces()
    {
        var live = Visible().ToHashSet();
        foreach (var file in Files.Where(live.Contains))
        {
            if (!EventCompactionIndex.IsCompacted(file.Name))
            {
                yield return new EventPiece(file, file, 0, null);
                continue;
            }

            foreach (var source in Index!.Files.First(f => f.Name == file.Name).Sources)
            {
                yield return new EventPiece(file with { Name = source.Name }, file, source.First, source.Rows);
            }
        }
    }
}
