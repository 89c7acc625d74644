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

    /// <summary>
    /// The clients a training reads: <paramref name="maxClients"/>, lowered so that that many clients of the mean
    /// stored length (<paramref name="storedEvents"/> / <paramref name="clients"/>, an upper bound of the observed
    /// length) fit in <paramref name="memoryMiB"/> MiB at <paramref name="footprint"/>'s bytes each; 0 MiB is no
    /// budget. At least one client.
    /// </summary>
    public static int ClientsWithin(int maxClients, int memoryMiB, long clients, long storedEvents, SampleFootprint footprint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxClients);
        ArgumentOutOfRangeException.ThrowIfNegative(memoryMiB);
        ArgumentOutOfRangeException.ThrowIfNegative(clients);
        ArgumentOutOfRangeException.ThrowIfNegative(storedEvents);
        if (memoryMiB == 0 || clients == 0)
        {
            return maxClients;
        }

        var perClient = footprint.BytesPerClient((double)storedEvents / clients);
        var fit = Math.Floor(((memoryMiB * 1024.0 * 1024.0) - footprint.FixedBytes) / perClient);
        return (int)Math.Max(1, Math.Min(maxClients, fit));
    }

    /// <summary><see cref="ClientsWithin(int, int, long, long, SampleFootprint)"/> over <paramref name="manifest"/>'s clients and stored events.</summary>
    public static int ClientsWithin(int maxClients, int memoryMiB, SequenceManifest manifest, SampleFootprint footprint)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ClientsWithin(maxClients, memoryMiB, ClientsAtMost(manifest), StoredEvents(manifest), footprint);
    }

    /// <summary>Events stored in the manifest's segments (an event in a base and a delta counts twice).</summary>
    public static long StoredEvents(SequenceManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Segments.Sum(s => s.Events);
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
