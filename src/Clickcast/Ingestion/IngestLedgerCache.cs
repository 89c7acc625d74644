using System.Collections.Concurrent;

namespace Clickcast.Ingestion;

/// <summary>
/// The ingest ledger as the health page needs it, kept between calls: each call lists the ledger (keys and version
/// tags, no content) and reads only the records that are new or changed since the previous call, so that its cost
/// grows with what changed, not with every file ever ingested. Never stale: a record whose tag changed is read again,
/// a record no longer listed is dropped. What is kept is each record without what the summary never reads (event
/// file keys, bad-row samples, the field mapping, version tags).
/// </summary>
internal sealed class IngestLedgerCache
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, Entry>> _tenants = new(StringComparer.Ordinal);

    /// <summary>Every record of the tenant's ledger as of this call's listing (or newer), in listing order.</summary>
    public async Task<IReadOnlyList<IngestLedgerRecord>> ReadAsync(IngestLedger ledger, string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var previous = _tenants.GetValueOrDefault(tenant);
        var current = new Dictionary<string, Entry>(previous?.Count ?? 0, StringComparer.Ordinal);
        var records = new List<IngestLedgerRecord>(previous?.Count ?? 0);
        await foreach (var item in ledger.ListObjectsAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            if (previous is null || !previous.TryGetValue(item.Key, out var entry) || entry.ETag != item.ETag)
            {
                // Read after the listing: what is read is this version or a newer one, which the next listing tells.
                if (await ledger.ReadObjectAsync(item.Key, cancellationToken).ConfigureAwait(false) is not { } record)
                {
                    continue;
                }

                entry = new Entry(item.ETag, Slim(record));
            }

            current[item.Key] = entry;
            records.Add(entry.Record);
        }

        if (current.Count == 0)
        {
            // A tenant without ledger (new, or deleted) keeps nothing here.
            _tenants.TryRemove(tenant, out _);
        }
        else
        {
            _tenants[tenant] = current;
        }

        return records;
    }

    /// <summary>The record with only what <see cref="IngestHealthSummary"/> reads.</summary>
    internal static IngestLedgerRecord Slim(IngestLedgerRecord record) => new(
        record.Key,
        [.. record.Versions.Select(v => v with { ETags = [], Report = v.Report with { Outputs = [], BadRowSamples = [], Mapping = null } })]);

    private sealed record Entry(string ETag, IngestLedgerRecord Record);
}
