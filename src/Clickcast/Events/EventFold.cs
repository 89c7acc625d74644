namespace Clickcast.Events;

/// <summary>
/// Rewrites a reader's list of events files it has read (a sequence manifest's) in terms of the files stored now: a
/// compacted file every row of which the reader has read — each source's own file, or the compacted file it was merged
/// out of, is in the list — replaces those files in it. A compacted file holding anything the reader has not read is
/// left out, and so are the files it holds: the reader then sees them gone and reads everything again, never a row twice.
/// </summary>
public static class EventFold
{
    /// <summary>The keys of <paramref name="known"/>, folded over the compacted files of <paramref name="folders"/>.</summary>
    public static IReadOnlyList<string> Fold(string tenant, IReadOnlyList<string> known, IReadOnlyList<EventFolder> folders)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(folders);
        var set = new HashSet<string>(known, StringComparer.Ordinal);
        var absorbed = new HashSet<string>(StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var folder in folders.Where(f => f.Index is not null))
        {
            var live = folder.Visible().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var file in folder.Index!.Files.Where(f => live.Contains(f.Name)))
            {
                var key = Key(tenant, folder, file.Name);
                var read = file.Sources.Select(s => (Own: Key(tenant, folder, s.Name), From: s.From is null ? null : Key(tenant, folder, s.From))).ToList();
                if (set.Contains(key))
                {
                    continue;
                }

                if (read.All(r => set.Contains(r.Own) || (r.From is not null && set.Contains(r.From))))
                {
                    added.Add(key);
                    absorbed.UnionWith(read.Select(r => r.Own));
                    absorbed.UnionWith(read.Where(r => r.From is not null).Select(r => r.From!));
                }
                else
                {
                    kept.UnionWith(read.Where(r => r.From is not null).Select(r => r.From!));
                }
            }
        }

        return [.. known.Where(k => !absorbed.Contains(k) || kept.Contains(k)), .. added];
    }

    private static string Key(string tenant, EventFolder folder, string name) => new EventFileKey(folder.Period, folder.Shard, folder.Shards, name).ToKey(tenant);
}
