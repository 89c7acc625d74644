using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

public sealed partial class EventCompaction
{
    /// <summary>One release at a time per tenant in this process (every <see cref="EventCompaction"/> shares them).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> ReleaseGates = new(StringComparer.Ordinal);

    /// <summary>
    /// Before a re-ingest replaces the files <paramref name="keys"/> (the source's earlier or coming outputs): every
    /// compacted file holding rows of one of them is rewritten without those rows and the folder's index committed
    /// again, so that the source's events then live only in its own files (which the ingest replaces by name).
    /// Killed anywhere, the ingest's retry does it again with the same result. Returns the compacted files rewritten.
    /// </summary>
    public async Task<int> ReleaseAsync(string tenant, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        // Files of one ingest run are ingested in parallel: their releases rewrite the same compaction.json one at a time.
        var gate = ReleaseGates.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReleaseLockedAsync(tenant, keys, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<int> ReleaseLockedAsync(string tenant, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var names = keys.Select(k => EventFileKey.TryParse(tenant, k, out var file) ? file : null).OfType<EventFileKey>().ToList();
        var rewritten = 0;
        foreach (var at in names.Select(n => n with { Name = "folder" }).Distinct())
        {
            var released = names.Where(n => n with { Name = "folder" } == at).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            var folder = await ListFolderAsync(tenant, at, cancellationToken).ConfigureAwait(false);
            var index = folder.Index;
            var affected = index?.Files.Where(f => f.Sources.Any(s => released.Contains(s.Name))).ToList() ?? [];
            if (affected.Count == 0)
            {
                continue;
            }

            var temp = Path.Combine(Path.GetTempPath(), "clickcast-release-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(temp);
            try
            {
                var replacements = new List<CompactedEventFile>();
                foreach (var file in affected)
                {
                    var key = EventFileKey.Create(at.Period, at.Shard, at.Shards, file.Name);
                    var kept = file.Sources.Where(s => !released.Contains(s.Name)).ToList();
                    if (kept.Count == 0)
                    {
                        continue;
                    }

                    using var copy = await store.GetLocalCopyAsync(key.ToKey(tenant), cancellationToken).ConfigureAwait(false);
                    var name = CompactedName([file.Name, .. kept.Select(s => s.Name)]);
                    var pieces = kept.Select(s => (new EventPiece(key with { Name = s.Name }, key, s.First, s.Rows), copy.Path)).ToList();
                    replacements.Add(await WriteAsync(tenant, folder, name, pieces, temp, cancellationToken, keepFrom: false).ConfigureAwait(false));
                }

                var gone = affected.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
                var commit = new EventCompactionIndex([.. index!.Files.Where(f => !gone.Contains(f.Name)), .. replacements]);
                await store.PutJsonAsync(EventCompactionIndex.KeyOf(tenant, at.Period, at.Shard, at.Shards), commit, ClickcastJson.Indented, cancellationToken).ConfigureAwait(false);
                Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.CompactAfterRelease);
                var keep = replacements.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
                await DeleteAsync(tenant, gone.Select(g => EventFileKey.Create(at.Period, at.Shard, at.Shards, g)), keep, cancellationToken).ConfigureAwait(false);
                rewritten += affected.Count;
            }
            finally
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        return rewritten;
    }
}
