namespace Clickcast.Events;

/// <summary>
/// One (period, shard) folder of a layout as listed: every events file in it, its compaction index if any and its
/// release tombstones (<see cref="EventRelease"/>). What readers see of it is decided here, once: the index's compacted
/// files no tombstone names, the rescue files of those a tombstone names, and the source files nothing covers.
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

    /// <summary>Every release tombstone in the folder, live or not.</summary>
    public HashSet<EventRelease> Releases { get; } = [];

    /// <summary>Compacted files the index lists that a tombstone names: hidden, read through their rescue files.</summary>
    public IEnumerable<CompactedEventFile> Released() => Index?.Files.Where(f => Releases.Any(r => r.Compacted == f.Name)) ?? [];

    /// <summary>Tombstones that name no source of a listed compacted file: left by a compaction killed after its commit. Safe to delete.</summary>
    public IEnumerable<EventRelease> InertReleases() =>
        Releases.Where(r => Index?.Files.Any(f => f.Name == r.Compacted && f.Sources.Any(s => s.Name == r.Source)) != true);

    /// <summary>Whether <paramref name="source"/>'s rows in <paramref name="file"/> are released.</summary>
    public bool IsReleased(CompactedEventFile file, CompactedSource source) => Releases.Contains(new EventRelease(file.Name, source.Name));

    /// <summary>The files readers see, in key order.</summary>
    public IEnumerable<EventFileKey> Visible()
    {
        var (covered, rescues) = (Covered(), RescueNames());
        return Files.Where(f => IsVisible(f, covered, rescues));
    }

    /// <summary>Files no reader sees: compacted files no commit lists or a tombstone names, rescue files of nothing live, source files a commit covers. Safe to delete.</summary>
    public IEnumerable<EventFileKey> Invisible()
    {
        var (covered, rescues) = (Covered(), RescueNames());
        return Files.Where(f => !IsVisible(f, covered, rescues));
    }

    /// <summary>Every source's events as stored now: visible source files whole, compacted and rescue files' row ranges.</summary>
    public IEnumerable<EventPiece> Pieces()
    {
        var live = Visible().ToHashSet();
        var rescues = Rescues().ToDictionary(r => r.File, StringComparer.Ordinal);
        foreach (var file in Files.Where(live.Contains))
        {
            if (rescues.TryGetValue(file.Name, out var rescue))
            {
                yield return new EventPiece(file with { Name = rescue.Source.Name }, file, 0, rescue.Source.Rows);
            }
            else if (!EventCompactionIndex.IsCompacted(file.Name))
            {
                yield return new EventPiece(file, file, 0, null);
            }
            else
            {
                foreach (var source in Index!.Files.First(f => f.Name == file.Name).Sources)
                {
                    yield return new EventPiece(file with { Name = source.Name }, file, source.First, source.Rows);
                }
            }
        }
    }

    /// <summary>Whether a reader sees <paramref name="file"/>: a compacted file the index lists and no tombstone names, a live rescue file, or a source file nothing covers.</summary>
    private bool IsVisible(EventFileKey file, HashSet<string> covered, HashSet<string> rescues) =>
        EventCompactionIndex.IsCompacted(file.Name) ? Index?.Files.Any(f => f.Name == file.Name) == true && Releases.All(r => r.Compacted != file.Name)
        : file.Name.StartsWith(EventRelease.RescuePrefix, StringComparison.Ordinal) ? rescues.Contains(file.Name)
        : !covered.Contains(file.Name);

    private HashSet<string> RescueNames() => [.. Rescues().Select(r => r.File)];

    /// <summary>Source names whose rows a listed compacted file holds and no tombstone releases (there, or in its rescue file).</summary>
    private HashSet<string> Covered() =>
        [.. Index?.Files.SelectMany(f => f.Sources.Where(s => !IsReleased(f, s)).Select(s => s.Name)) ?? []];

    /// <summary>The rescue files readers see: one per unreleased source of each released compacted file.</summary>
    private IEnumerable<(string File, CompactedSource Source)> Rescues() =>
        Released().SelectMany(f => f.Sources.Where(s => !IsReleased(f, s)).Select(s => (EventRelease.RescueName(f.Name, s.Name), s)));
}
