using System.Runtime.CompilerServices;
using Clickcast.Sequences;

namespace Clickcast.Labels;

/// <summary>
/// The clients training reads (<see cref="Training.ModelSettings.MaxTrainingClients"/>): every client while the
/// tenant has at most that many; beyond, the same number from every client-hash shard — in each, its first clients
/// in hash order, which (the hash being uniform) is a random sample of the shard, the same one every time, read
/// without touching the rest of the shard. The sample is drawn before labelling, so positives are kept at the
/// same rate as everyone else: none is dropped below the cap, and above it the label balance stays the tenant's.
/// </summary>
public static class TrainingSample
{
    /// <summary>How many clients each of <paramref name="shards"/> shards gives to a sample of <paramref name="maxClients"/>.</summary>
    public static int[] Quotas(int shards, int maxClients)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shards);
        ArgumentOutOfRangeException.ThrowIfNegative(maxClients);
        return [.. Enumerable.Range(0, shards).Select(shard => (maxClients / shards) + (shard < maxClients % shards ? 1 : 0))];
    }

    /// <summary>At most how many clients the manifest holds (a client in a base and a delta counts twice).</summary>
    public static long ClientsAtMost(SequenceManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Segments.Sum(s => s.Clients);
    }

    /// <summary>The sequences training reads from <paramref name="manifest"/>, at most <paramref name="maxClients"/> of them.</summary>
    public static async IAsyncEnumerable<ClientSequence> ReadAsync(SequenceStore store, SequenceManifest manifest, int maxClients, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        if (ClientsAtMost(manifest) <= maxClients)
        {
            await foreach (var sequence in store.ReadAsync(manifest, cancellationToken).ConfigureAwait(false))
            {
                yield return sequence;
            }

            yield break;
        }

        var quotas = Quotas(manifest.Shards, maxClients);
        for (var shard = 0; shard < manifest.Shards; shard++)
        {
            var taken = 0;
            await foreach (var sequence in store.ReadShardAsync(manifest, shard, manifest.Shards, cancellationToken).ConfigureAwait(false))
            {
                if (taken++ == quotas[shard])
                {
                    break;
                }

                yield return sequence;
            }
        }
    }
}
