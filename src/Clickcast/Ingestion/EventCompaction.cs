using System.Security.Cryptography;
using System.Text;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

/// <summary>
/// Merges a (period, shard) folder's small events files into compacted ones (<see cref="EventCompactionPolicy"/>):
/// compacted files written first (invisible), the folder's <see cref="EventCompactionIndex"/> written next — the
/// commit, one PUT — the merged files deleted last. Killed anywhere and run again, it ends in the same state: the
/// same inputs give the same names, and leftovers no commit lists are deleted by the next run. One compaction of a
/// tenant at a time, never beside its ingest, sequences or re-shard (<c>JobExclusions</c>).
/// </summary>
public sealed partial class EventCompaction(IObjectStore store)
{
    /// <summary>Compacts every folder of the <paramref name="shards"/> layout that needs it (<see cref="EventCompactionPolicy.NeedsCompaction"/>), or every folder with <paramref name="force"/>.</summary>
    public async Task<CompactionCounts> CompactAsync(string tenant, int shards, bool force = false, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        var total = new CompactionCounts(0, 0, 0, 0, 0);
        foreach (var folder in await EventLayout.ListFoldersAsync(store, tenant, shards, cancellationToken).ConfigureAwait(false))
        {
            var uncompacted = Uncompacted(folder);
            if (force ? uncompacted > 0 : EventCompactionPolicy.NeedsCompaction(uncompacted))
            {
                total += await CompactFolderAsync(tenant, folder, cancellationToken).ConfigureAwait(false);
            }
            else if (folder.Invisible().Any() || folder.InertReleases().Any())
            {
                await DeleteReleasesAsync(tenant, folder, folder.InertReleases(), cancellationToken).ConfigureAwait(false);
                // A run killed after its commit: the merged files it had not deleted yet go now.
                total += new CompactionCounts(0, 0, 0, 0, await DeleteAsync(tenant, folder.Invisible(), [], cancellationToken).ConfigureAwait(false));
            }
        }

        return total;
    }

    /// <summary>Whether any folder holding one of <paramref name="keys"/> (an ingest's outputs) has more uncompacted files than the trigger.</summary>
    public async Task<bool> NeededAfterAsync(string tenant, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var folder in Folders(tenant, keys))
        {
            var listed = await ListFolderAsync(tenant, folder, cancellationToken).ConfigureAwait(false);
            if (EventCompactionPolicy.NeedsCompaction(Uncompacted(listed)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Source files readers see in a folder that no compacted file holds yet.</summary>
    private static int Uncompacted(EventFolder folder) => folder.Visible().Count(f => !EventCompactionIndex.IsCompacted(f.Name));

    private static IEnumerable<EventFileKey> Folders(string tenant, IEnumerable<string> keys) =>
        keys.Select(k => EventFileKey.TryParse(tenant, k, out var file) ? file : null)
            .OfType<EventFileKey>()
            .Select(f => f with { Name = "folder" })
            .Distinct();

    private async Task<EventFolder> ListFolderAsync(string tenant, EventFileKey at, CancellationToken cancellationToken)
    {
        var folder = new EventFolder(at.Period, at.Shard, at.Shards);
        await foreach (var item in store.ListAsync(EventFileKey.ShardPrefix(tenant, at.Period, at.Shard, at.Shards), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (EventFileKey.TryParse(tenant, item.Key, out var file) && file.Value.Shards == at.Shards && file.Value.Shard == at.Shard && file.Value.Period == at.Period)
            {
                folder.Files.Add(file.Value);
            }
            else if (EventRelease.TryParseKey(tenant, item.Key, out var released, out var release) && released == at with { Name = released.Name })
            {
                folder.Releases.Add(release!);
            }
        }

        folder.Index = await EventCompactionIndex.ReadAsync(store, EventCompactionIndex.KeyOf(tenant, at.Period, at.Shard, at.Shards), cancellationToken).ConfigureAwait(false);
        return folder;
    }

    /// <summary>"compact-" and 24 hex digits of a hash of what the file is made of: a retry over the same inputs writes the same name.</summary>
    private static string CompactedName(IEnumerable<string> parts) =>
        EventCompactionIndex.CompactedPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..24];
}
