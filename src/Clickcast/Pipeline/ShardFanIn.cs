using System.Globalization;
using Clickcast.Storage;

namespace Clickcast.Pipeline;

/// <summary>
/// The fan-in of a sharded step (one job per client-hash shard, then one cheap commit job): each shard job records
/// its result under the step's prefix and then lists the prefix, so whichever shard completes the set sees every
/// result and enqueues the commit (under an idempotency key, so two shards that finish together add it once). The
/// records are objects beside the data, not queue rows, so the same holds on one machine and on many.
/// </summary>
public sealed class ShardFanIn(IObjectStore store)
{
    /// <summary>The prefix of one step's shard records, e.g. <c>Prefix("t", "sequences/g12")</c>.</summary>
    public static string Prefix(string tenant, string step)
    {
        ArgumentException.ThrowIfNullOrEmpty(step);
        return TenantLayout.Root(tenant) + "_shards/" + step.Trim('/') + "/";
    }

    /// <summary>
    /// Records shard <paramref name="shard"/>'s <paramref name="result"/> (replacing a record of an earlier attempt)
    /// and answers whether all <paramref name="shards"/> records are now present.
    /// </summary>
    public async Task<bool> CompleteAsync<T>(string prefix, int shard, int shards, T result, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        await store.PutJsonAsync(KeyOf(prefix, shard), result, ClickcastJson.Options, cancellationToken).ConfigureAwait(false);
        return await CountAsync(prefix, shards, cancellationToken).ConfigureAwait(false) == shards;
    }

    /// <summary>Every shard's record, in shard order.</summary>
    /// <exception cref="InvalidOperationException">A shard has not recorded its result.</exception>
    public async Task<IReadOnlyList<T>> ReadAllAsync<T>(string prefix, int shards, CancellationToken cancellationToken = default)
    {
        var results = new T[shards];
        for (var shard = 0; shard < shards; shard++)
        {
            results[shard] = await store.TryReadJsonAsync<T>(KeyOf(prefix, shard), ClickcastJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"shard {shard} of {shards} has no result under '{prefix}'");
        }

        return results;
    }

    /// <summary>Deletes the step's records once its commit is written.</summary>
    public async Task DeleteAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        await foreach (var item in store.ListAsync(prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(item.Key);
        }

        foreach (var key in keys)
        {
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The key of one shard's record.</summary>
    public static string KeyOf(string prefix, int shard) => prefix + string.Create(CultureInfo.InvariantCulture, $"s{shard:D4}.json");

    private async Task<int> CountAsync(string prefix, int shards, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in store.ListAsync(prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            present.Add(item.Key);
        }

        var count = 0;
        for (var shard = 0; shard < shards; shard++)
        {
            count += present.Contains(KeyOf(prefix, shard)) ? 1 : 0;
        }

        return count;
    }
}
