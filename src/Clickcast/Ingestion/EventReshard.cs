using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

/// <summary>
/// Rewrites a tenant's events files from one shard layout into another (<see cref="EventFileKey"/>). The files of one
/// (period, name) — one ingest's events of one period, whatever shard they were in — become one file per new shard
/// under the same name, so names stay deterministic and a re-run overwrites instead of adding. Memory is bounded by
/// one such group at a time, written through at most <c>to</c> writers, and one open reader; each stored file is
/// downloaded once (<see cref="EventPieceFiles"/>), a compacted file of many sources too. The old files stay until
/// <see cref="DeleteLayoutAsync"/>: readers ask for the tenant's current count and see one layout only.
/// </summary>
public sealed class EventReshard(IObjectStore store)
{
    /// <summary>
    /// Writes every (period, name) group of the <paramref name="from"/> layout into the <paramref name="to"/> layout;
    /// with <paramref name="onlyMissing"/>, only groups that have no file in the new layout yet (files ingested late).
    /// </summary>
    public async Task<ReshardCounts> RewriteAsync(string tenant, int from, int to, bool onlyMissing, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        _ = ClientShard.Range(0, from);
        _ = ClientShard.Range(0, to);
        // By source: a source's rows in a compacted file are written under the source's own name in the new layout.
        var old = await EventLayout.ListPiecesAsync(store, tenant, from, cancellationToken).ConfigureAwait(false);
        var done = onlyMissing
            ? (await EventLayout.ListPiecesAsync(store, tenant, to, cancellationToken).ConfigureAwait(false)).Select(p => (p.Source.Period, p.Source.Name)).ToHashSet()
            : [];
        long rows = 0;
        int groups = 0, written = 0;
        // In order of first appearance: a compacted file's sources one after the other, so its reader only moves forward.
        var todo = old.GroupBy(p => (p.Source.Period, p.Source.Name)).Where(g => !done.Contains(g.Key)).ToList();
        await using var stored = new EventPieceFiles(store, tenant, todo.SelectMany(g => g));
        foreach (var group in todo)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (groupRows, files) = await RewriteGroupAsync(tenant, group.Key.Period, group.Key.Name, [.. group], stored, to, cancellationToken).ConfigureAwait(false);
            rows += groupRows;
            written += files;
            groups++;
        }

        return new ReshardCounts(old.Count, groups, written, rows);
    }

    /// <summary>Deletes every events file of the <paramref name="shards"/> layout (compacted or not, visible or not) its compaction indexes and release tombstones; returns how many files.</summary>
    public async Task<int> DeleteLayoutAsync(string tenant, int shards, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        foreach (var folder in await EventLayout.ListFoldersAsync(store, tenant, shards, cancellationToken).ConfigureAwait(false))
        {
            foreach (var file in folder.Files)
            {
                await store.DeleteAsync(file.ToKey(tenant), cancellationToken).ConfigureAwait(false);
                deleted++;
            }

            await store.DeleteAsync(EventCompactionIndex.KeyOf(tenant, folder.Period, folder.Shard, folder.Shards), cancellationToken).ConfigureAwait(false);
            foreach (var release in folder.Releases)
            {
                await store.DeleteAsync(release.KeyOf(tenant, folder.Period, folder.Shard, folder.Shards), cancellationToken).ConfigureAwait(false);
            }
        }

        return deleted;
    }

    private async Task<(long Rows, int Files)> RewriteGroupAsync(string tenant, string period, string name, IReadOnlyList<EventPiece> inputs, EventPieceFiles stored, int to, CancellationToken cancellationToken)
    {
        var folder = ScratchSpace.Process.CreateFolder("reshard");
        try
        {
            long rows = 0;
            IReadOnlyList<EventPart> parts;
            // One writer per new shard, all open at once: one period, so no shard ever continues in a second part.
            await using (var writers = new EventPartWriters(tenant, folder, to))
            {
                foreach (var input in inputs)
                {
                    await foreach (var click in stored.ReadAsync(input, cancellationToken).ConfigureAwait(false))
                    {
                        await writers.AddAsync(period, ClientShard.Of(click.ClientId, to), click, cancellationToken).ConfigureAwait(false);
                        rows++;
                    }
                }

                parts = await writers.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var part in parts)
            {
                await store.PutFileAsync(EventFileKey.Create(period, part.Shard, to, name).ToKey(tenant), part.Path, cancellationToken).ConfigureAwait(false);
            }

            return (rows, parts.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
