using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

/// <summary>
/// Rewrites a tenant's events files from one shard layout into another (<see cref="EventFileKey"/>). The files of one
/// (period, name) — one ingest's events of one period, whatever shard they were in — become one file per new shard
/// under the same name, so names stay deterministic and a re-run overwrites instead of adding. Memory is bounded by
/// one such group at a time, written through at most <c>to</c> writers. The old files stay until
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
        var old = await EventLayout.ListAsync(store, tenant, from, cancellationToken).ConfigureAwait(false);
        var done = onlyMissing
            ? (await EventLayout.ListAsync(store, tenant, to, cancellationToken).ConfigureAwait(false)).Select(f => (f.Period, f.Name)).ToHashSet()
            : [];
        long rows = 0;
        int groups = 0, written = 0;
        foreach (var group in old.GroupBy(f => (f.Period, f.Name)).Where(g => !done.Contains(g.Key)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (groupRows, files) = await RewriteGroupAsync(tenant, group.Key.Period, group.Key.Name, [.. group], to, cancellationToken).ConfigureAwait(false);
            rows += groupRows;
            written += files;
            groups++;
        }

        return new ReshardCounts(old.Count, groups, written, rows);
    }

    /// <summary>Deletes every events file of the <paramref name="shards"/> layout; returns how many.</summary>
    public async Task<int> DeleteLayoutAsync(string tenant, int shards, CancellationToken cancellationToken = default)
    {
        var files = await EventLayout.ListAsync(store, tenant, shards, cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            await store.DeleteAsync(file.ToKey(tenant), cancellationToken).ConfigureAwait(false);
        }

        return files.Count;
    }

    private async Task<(long Rows, int Files)> RewriteGroupAsync(string tenant, string period, string name, IReadOnlyList<EventFileKey> inputs, int to, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "clickcast-reshard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            long rows = 0;
            IReadOnlyList<EventPart> parts;
            // One writer per new shard, all open at once: one period, so no shard ever continues in a second part.
            await using (var writers = new EventPartWriters(tenant, folder, to))
            {
                foreach (var input in inputs)
                {
                    using var copy = await store.GetLocalCopyAsync(input.ToKey(tenant), cancellationToken).ConfigureAwait(false);
                    await foreach (var batch in EventFileReader.ReadAsync(copy.Path, new StringPool(), cancellationToken).ConfigureAwait(false))
                    {
                        for (var i = 0; i < batch.Count; i++)
                        {
                            var click = batch[i];
                            await writers.AddAsync(period, ClientShard.Of(click.ClientId, to), click, cancellationToken).ConfigureAwait(false);
                            rows++;
                        }
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
