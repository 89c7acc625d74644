using System.Runtime.CompilerServices;
using Clickcast.Storage;

namespace Clickcast.Events;

/// <summary>
/// Lists a tenant's events files by layout and shard. A reader passes the tenant's current shard count and sees only
/// files of that layout: files of another count (a re-shard in progress, or its leftovers) are never mixed in. In a
/// compacted folder it sees what the folder's committed <see cref="EventCompactionIndex"/> says ( <see cref="EventFolder"/>):
/// every source's events exactly once, during and after a compaction.
/// </summary>
public static class EventLayout
{
    /// <summary>Every events file readers see in the layout with <paramref name="shards"/> shards, ordered by key.</summary>
    public static async Task<IReadOnlyList<EventFileKey>> ListAsync(IObjectStore store, string tenant, int shards, CancellationToken cancellationToken = default) =>
        [.. (await ListFoldersAsync(store, tenant, shards, cancellationToken).ConfigureAwait(false)).SelectMany(f => f.Visible())];

    /// <summary>Every source's events as stored now in the layout with <paramref name="shards"/> shards (<see cref="EventPiece"/>).</summary>
    public static async Task<IReadOnlyList<EventPiece>> ListPiecesAsync(IObjectStore store, string tenant, int shards, CancellationToken cancellationToken = default) =>
        [.. (await ListFoldersAsync(store, tenant, shards, cancellationToken).ConfigureAwait(false)).SelectMany(f => f.Pieces())];

    /// <summary>The object keys of shard <paramref name="shard"/> of <paramref name="shards"/>, every period, ordered.</summary>
    public static async Task<IReadOnlyList<string>> ListShardAsync(IObjectStore store, string tenant, int shard, int shards, CancellationToken cancellationToken = default)
    {
        _ = ClientShard.Range(shard, shards); // validates both
        var result = new List<string>();
        foreach (var file in await ListAsync(store, tenant, shards, cancellationToken).ConfigureAwait(false))
        {
            if (file.Shard == shard)
            {
                result.Add(file.ToKey(tenant));
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>
    /// Every (period, shard) folder of the layout with <paramref name="shards"/> shards that holds an events file, a
    /// compaction index or a release tombstone, in key order, with its index read.
    /// </summary>
    public static async Task<IReadOnlyList<EventFolder>> ListFoldersAsync(IObjectStore store, string tenant, int shards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folders = new Dictionary<(string, int), EventFolder>();
        var indexed = new List<EventFolder>();
        await foreach (var item in store.ListAsync(TenantLayout.Events(tenant), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (EventFileKey.TryParse(tenant, item.Key, out var file) && file.Value.Shards == shards)
            {
                Folder(folders, file.Value).Files.Add(file.Value);
            }
            else if (EventCompactionIndex.TryParseKey(tenant, item.Key, out var at) && at.Shards == shards)
            {
                indexed.Add(Folder(folders, at));
            }
            else if (EventRelease.TryParseKey(tenant, item.Key, out var released, out var release) && released.Shards == shards)
            {
                Folder(folders, released).Releases.Add(release!);
            }
        }

        foreach (var folder in indexed)
        {
            folder.Index = await EventCompactionIndex.ReadAsync(store, EventCompactionIndex.KeyOf(tenant, folder.Period, folder.Shard, folder.Shards), cancellationToken).ConfigureAwait(false);
        }

        return [.. folders.Values.OrderBy(f => EventFileKey.ShardPrefix(tenant, f.Period, f.Shard, f.Shards), StringComparer.Ordinal)];
    }

    /// <summary>Every events file under the tenant's <c>events/</c>, whatever its layout and visibility, in key order; other objects are skipped.</summary>
    public static async IAsyncEnumerable<EventFileKey> ListEveryLayoutAsync(IObjectStore store, string tenant, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await foreach (var item in store.ListAsync(TenantLayout.Events(tenant), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (EventFileKey.TryParse(tenant, item.Key, out var file))
            {
                yield return file.Value;
            }
        }
    }

    private static EventFolder Folder(Dictionary<(string, int), EventFolder> folders, EventFileKey file)
    {
        if (!folders.TryGetValue((file.Period, file.Shard), out var folder))
        {
            folder = new EventFolder(file.Period, file.Shard, file.Shards);
            folders.Add((file.Period, file.Shard), folder);
        }

        return folder;
    }
}
