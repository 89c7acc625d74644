using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

public sealed partial class EventCompaction
{
    /// <summary>
    /// Before a re-ingest replaces the files <paramref name="keys"/> (the source's earlier or coming outputs): for every
    /// compacted file holding rows of one of them, the rows of its sources without a tombstone are copied to their rescue
    /// files (<see cref="EventRelease.RescueName"/>) and then one tombstone per released source is written — no shared
    /// object is read and written again, so releases on several workers at once never undo each other. Readers then
    /// see the source's events only in its own files (which the ingest replaces by name). Killed anywhere, the ingest's
    /// retry does it again with the same result. Returns the compacted files released.
    /// </summary>
    public async Task<int> ReleaseAsync(string tenant, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var names = keys.Select(k => EventFileKey.TryParse(tenant, k, out var file) ? file : null).OfType<EventFileKey>().ToList();
        var released = 0;
        foreach (var at in names.Select(n => n with { Name = "folder" }).Distinct())
        {
            var sources = names.Where(n => n with { Name = "folder" } == at).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            var folder = await ListFolderAsync(tenant, at, cancellationToken).ConfigureAwait(false);
            var affected = folder.Index?.Files.Where(f => f.Sources.Any(s => sources.Contains(s.Name) && !folder.IsReleased(f, s))).ToList() ?? [];
            var rescued = folder.Released().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var file in affected)
            {
                // A file with a tombstone already has the rescue file of every source without one (written before it).
                if (!rescued.Contains(file.Name))
                {
                    await RescueAsync(tenant, folder, file, cancellationToken).ConfigureAwait(false);
                }

                // Rescue files no tombstone makes live yet: readers still see the compacted file, a retry writes them again.
                Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.CompactAfterRescue);

                foreach (var source in file.Sources.Where(s => sources.Contains(s.Name)))
                {
                    var tombstone = new EventRelease(file.Name, source.Name);
                    await store.PutAsync(tombstone.KeyOf(tenant, at.Period, at.Shard, at.Shards), Stream.Null, cancellationToken).ConfigureAwait(false);
                }
            }

            Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.CompactAfterRelease);
            released += affected.Count;
        }

        return released;
    }

    /// <summary>
    /// Copies the rows of each source of <paramref name="file"/> without a tombstone to its rescue file, the sources
    /// being released too: whatever tombstones a reader sees, each source of the file is then read once, old or new.
    /// A release beside it writes the same rows under the same names.
    /// </summary>
    private async Task RescueAsync(string tenant, EventFolder folder, CompactedEventFile file, CancellationToken cancellationToken)
    {
        var rescued = file.Sources.Where(s => !folder.IsReleased(file, s)).ToList();
        if (rescued.Count == 0)
        {
            return;
        }

        var key = EventFileKey.Create(folder.Period, folder.Shard, folder.Shards, file.Name);
        var temp = ScratchSpace.Process.CreateFolder("release");
        try
        {
            using var copy = await store.GetLocalCopyAsync(key.ToKey(tenant), cancellationToken).ConfigureAwait(false);
            foreach (var source in rescued)
            {
                var piece = new EventPiece(key with { Name = source.Name }, key, source.First, source.Rows);
                await WriteAsync(tenant, folder, EventRelease.RescueName(file.Name, source.Name), [(piece, copy.Path)], temp, cancellationToken, keepFrom: false).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
