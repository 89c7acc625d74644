using System.Runtime.CompilerServices;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Sequences;

/// <summary>
/// Reads a tenant's sequences: the base segments in hash order, with every delta segment merged in, so a
/// reader sees each client once with all of its events whatever the updates since the last compaction.
/// </summary>
public sealed class SequenceStore
{
    private readonly IObjectStore _store;

    public SequenceStore(IObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Key of a tenant's manifest.</summary>
    public static string ManifestKey(string tenant) => TenantLayout.Sequences(tenant) + "manifest.json";

    /// <summary>The current manifest, or null before the first build.</summary>
    public Task<SequenceManifest?> GetManifestAsync(string tenant, CancellationToken cancellationToken = default) =>
        _store.TryReadJsonAsync<SequenceManifest>(ManifestKey(tenant), ClickcastJson.Options, cancellationToken);

    /// <summary>Every client's sequence, in (hash, id) order. Empty before the first build.</summary>
    public async IAsyncEnumerable<ClientSequence> ReadAllAsync(string tenant, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var manifest = await GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            yield break;
        }

        await foreach (var sequence in ReadAsync(manifest, cancellationToken).ConfigureAwait(false))
        {
            yield return sequence;
        }
    }

    /// <summary>Every client's sequence in one manifest's generation, in (hash, id) order.</summary>
    public async IAsyncEnumerable<ClientSequence> ReadAsync(SequenceManifest manifest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var copies = new List<LocalCopy>();
        try
        {
            var pool = new StringPool();
            var bases = new List<string>();
            var sources = new List<IAsyncEnumerable<ClientSequence>>();
            foreach (var segment in manifest.Segments)
            {
                var copy = await _store.GetLocalCopyAsync(segment.Key, cancellationToken).ConfigureAwait(false);
                copies.Add(copy);
                if (segment.Kind == SegmentKind.Base)
                {
                    bases.Add(copy.Path);
                }
                else
                {
                    sources.Add(SegmentReader.ReadAsync(copy.Path, pool, cancellationToken));
                }
            }

            // Base segments cover disjoint, ordered hash ranges: read one after another as a single stream.
            sources.Insert(0, Concat(bases, pool, cancellationToken));
            await foreach (var sequence in MergeAsync(sources, manifest.MaxEvents, cancellationToken).ConfigureAwait(false))
            {
                yield return sequence;
            }
        }
        finally
        {
            foreach (var copy in copies)
            {
                copy.Dispose();
            }
        }
    }

    /// <summary>
    /// The sequences of one client-hash shard (<see cref="ClientShard"/>) in one manifest's generation, in (hash, id)
    /// order: only segments whose hash range meets the shard's are read.
    /// </summary>
    public async IAsyncEnumerable<ClientSequence> ReadShardAsync(SequenceManifest manifest, int shard, int shards, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var (first, last) = ClientShard.Range(shard, shards);
        var relevant = manifest with { Segments = manifest.Segments.Where(s => s.MinHash <= last && first <= s.MaxHash).ToList() };
        await foreach (var sequence in ReadAsync(relevant, cancellationToken).ConfigureAwait(false))
        {
            if (sequence.ClientHash > last)
            {
                yield break;
            }

            if (sequence.ClientHash >= first)
            {
                yield return sequence;
            }
        }
    }

    /// <summary>One client's sequence, or null when the client has none.</summary>
    public async Task<ClientSequence?> FindAsync(string tenant, string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        var manifest = await GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return null;
        }

        var hash = ClientHash.Of(clientId);
        var relevant = manifest with { Segments = manifest.Segments.Where(s => s.MinHash <= hash && hash <= s.MaxHash).ToList() };
        ClientSequence? found = null;
        await foreach (var sequence in ReadAsync(relevant, cancellationToken).ConfigureAwait(false))
        {
            if (sequence.ClientHash > hash)
            {
                break;
            }

            if (sequence.ClientHash == hash && sequence.ClientId == clientId)
            {
                found = sequence;
            }
        }

        return found;
    }

    private static async IAsyncEnumerable<ClientSequence> Concat(List<string> paths, StringPool pool, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            await foreach (var sequence in SegmentReader.ReadAsync(path, pool, cancellationToken).ConfigureAwait(false))
            {
                yield return sequence;
            }
        }
    }

    /// <summary>K-way merge of sorted streams; fragments of the same client are combined.</summary>
    internal static async IAsyncEnumerable<ClientSequence> MergeAsync(
        IReadOnlyList<IAsyncEnumerable<ClientSequence>> sources,
        int maxEvents,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerators = new List<IAsyncEnumerator<ClientSequence>>();
        try
        {
            var queue = new PriorityQueue<int, ClientSequence>(Comparer<ClientSequence>.Create(static (a, b) => SequenceOrder.CompareClients(a.ClientHash, a.ClientId, b.ClientHash, b.ClientId)));
            foreach (var source in sources)
            {
                var enumerator = source.GetAsyncEnumerator(cancellationToken);
                enumerators.Add(enumerator);
                if (await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    queue.Enqueue(enumerators.Count - 1, enumerator.Current);
                }
            }

            ClientSequence? pending = null;
            while (queue.TryDequeue(out var index, out var sequence))
            {
                if (pending is null)
                {
                    pending = sequence;
                }
                else if (pending.ClientHash == sequence.ClientHash && pending.ClientId == sequence.ClientId)
                {
                    pending = SequenceMerge.Merge(pending, sequence, maxEvents);
                }
                else
                {
                    yield return pending;
                    pending = sequence;
                }

                var enumerator = enumerators[index];
                if (await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    queue.Enqueue(index, enumerator.Current);
                }
            }

            if (pending is not null)
            {
                yield return pending;
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
