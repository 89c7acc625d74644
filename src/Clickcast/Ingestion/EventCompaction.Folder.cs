using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

public sealed partial class EventCompaction
{
    /// <summary>Compacts one folder: its source files and small compacted files into compacted files of about <see cref="EventCompactionPolicy.TargetRows"/> events.</summary>
    internal async Task<CompactionCounts> CompactFolderAsync(string tenant, EventFolder folder, CancellationToken cancellationToken)
    {
        // Leftovers of a killed run (a compacted file no commit lists, sources a commit covers) go first: no reader sees them.
        // Inert tombstones too, before anything is written: a compacted file a retry writes again under the same name is never released by a stale one.
        var deleted = await DeleteAsync(tenant, folder.Invisible(), [], cancellationToken).ConfigureAwait(false);
        await DeleteReleasesAsync(tenant, folder, folder.InertReleases(), cancellationToken).ConfigureAwait(false);
        var index = folder.Index ?? new EventCompactionIndex([]);
        var released = folder.Released().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var small = index.Files.Where(f => EventCompactionPolicy.IsSmall(f.Rows) && !released.Contains(f.Name)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var pieces = folder.Pieces().Where(p => !EventCompactionIndex.IsCompacted(p.File.Name) || small.Contains(p.File.Name)).OrderBy(p => p.Source.Name, StringComparer.Ordinal).ToList();
        var inputs = pieces.Select(p => p.File).Distinct().ToList();
        if (!EventCompactionPolicy.Merges(inputs.Count(f => !EventCompactionIndex.IsCompacted(f.Name)), small.Count))
        {
            return new CompactionCounts(0, 0, 0, 0, deleted);
        }

        var temp = ScratchSpace.Process.CreateFolder("compact");
        var copies = new Dictionary<EventFileKey, LocalCopy>();
        try
        {
            var rows = new List<long>();
            foreach (var piece in pieces)
            {
                var copy = await CopyAsync(tenant, piece.File, copies, cancellationToken).ConfigureAwait(false);
                rows.Add(piece.Rows ?? await EventFileReader.CountAsync(copy.Path, cancellationToken).ConfigureAwait(false));
            }

            var inputNames = inputs.Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
            var written = new List<CompactedEventFile>();
            var packs = EventCompactionPolicy.Pack(rows);
            for (var o = 0; o < packs.Count; o++)
            {
                var name = CompactedName([.. inputNames, "output " + o.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                var output = await WriteAsync(tenant, folder, name, [.. packs[o].Select(i => (pieces[i], copies[pieces[i].File].Path))], temp, cancellationToken).ConfigureAwait(false);
                written.Add(output);
            }

            Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.CompactBeforeCommit);
            // Released compacted files leave the commit: their unreleased rows are in the rescue files merged here.
            var commit = new EventCompactionIndex([.. index.Files.Where(f => !small.Contains(f.Name) && !released.Contains(f.Name)), .. written]);
            await store.PutJsonAsync(EventCompactionIndex.KeyOf(tenant, folder.Period, folder.Shard, folder.Shards), commit, ClickcastJson.Indented, cancellationToken).ConfigureAwait(false);
            Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.CompactAfterCommit);
            var gone = folder.Files.Where(f => released.Contains(f.Name));
            deleted += await DeleteAsync(tenant, inputs.Concat(gone), written.Select(w => w.Name).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            await DeleteReleasesAsync(tenant, folder, folder.Releases, cancellationToken).ConfigureAwait(false);
            return new CompactionCounts(1, inputs.Count, written.Count, rows.Sum(), deleted);
        }
        finally
        {
            foreach (var copy in copies.Values)
            {
                copy.Dispose();
            }

            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Writes one compacted file of <paramref name="pieces"/>, each source's rows contiguous, and uploads it; returns its index entry.</summary>
    private async Task<CompactedEventFile> WriteAsync(string tenant, EventFolder folder, string name, IReadOnlyList<(EventPiece Piece, string Path)> pieces, string temp, CancellationToken cancellationToken, bool keepFrom = true)
    {
        var path = Path.Combine(temp, name + ".parquet");
        var sources = new List<CompactedSource>();
        var pool = new StringPool();
        await using (var writer = await EventFileWriter.CreateAsync(tenant, path, cancellationToken).ConfigureAwait(false))
        {
            foreach (var (piece, local) in pieces)
            {
                var from = keepFrom && piece.IsCompacted;
                var first = writer.Count;
                await foreach (var click in EventPieceReader.ReadAsync(local, piece, pool, cancellationToken).ConfigureAwait(false))
                {
                    await writer.AddAsync(click, cancellationToken).ConfigureAwait(false);
                }

                sources.Add(new CompactedSource(piece.Source.Name, first, writer.Count - first, from ? piece.File.Name : null));
            }
        }

        await store.PutFileAsync(EventFileKey.Create(folder.Period, folder.Shard, folder.Shards, name).ToKey(tenant), path, cancellationToken).ConfigureAwait(false);
        File.Delete(path);
        return new CompactedEventFile(name, sources);
    }

    private async Task<LocalCopy> CopyAsync(string tenant, EventFileKey file, Dictionary<EventFileKey, LocalCopy> copies, CancellationToken cancellationToken)
    {
        if (!copies.TryGetValue(file, out var copy))
        {
            copy = await store.GetLocalCopyAsync(file.ToKey(tenant), cancellationToken).ConfigureAwait(false);
            copies.Add(file, copy);
        }

        return copy;
    }

    private async Task DeleteReleasesAsync(string tenant, EventFolder folder, IEnumerable<EventRelease> releases, CancellationToken cancellationToken)
    {
        foreach (var release in releases.ToList())
        {
            await store.DeleteAsync(release.KeyOf(tenant, folder.Period, folder.Shard, folder.Shards), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> DeleteAsync(string tenant, IEnumerable<EventFileKey> files, HashSet<string> keep, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var file in files.Where(f => !keep.Contains(f.Name)).ToList())
        {
            deleted += await store.DeleteAsync(file.ToKey(tenant), cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }
}
