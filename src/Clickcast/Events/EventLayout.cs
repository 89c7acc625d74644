using System.Runtime.CompilerServices;
using Clickcast.Storage;

namespace Clickcast.Events;

/// <summary>
/// Lists a tenant's events files by layout and shard. A reader passes the tenant's current shard count and sees only
/// files of that layout: files of another count (a re-shard in progress, or its leftovers) are never mixed in.
/// </summary>
public static class EventLayout
{
    /// <summary>Every events file of the layout with <paramref name="shards"/> shards, ordered by key.</summary>
    public static async Task<IReadOnlyList<EventFileKey>> ListAsync(IObjectStore store, string tenant, int shards, CancellationToken cancellationToken = default)
    {
        var result = new List<EventFileKey>();
        await foreach (var file in ListEveryLayoutAsync(store, tenant, cancellationToken).ConfigureAwait(false))
        {
            if (file.Shards == shards)
            {
                result.Add(file);
            }
        }

        return result;
    }

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

    /// <summary>Every events file under the tenant's <c>events/</c>, whatever its layout, in key order; other objects are skipped.</summary>
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
}
