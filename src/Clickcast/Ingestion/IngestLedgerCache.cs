using Clickcast.Storage;

namespace Clickcast.Ingestion;

/// <summary>
/// The ingest ledger as the health page needs it, kept between calls (<see cref="ChangedObjects{TValue}"/>): each
/// call lists the ledger (keys and version tags, no content) and reads only the records that are new or changed
/// since the previous call, so that its cost grows with what changed, not with every file ever ingested. What is
/// kept is each record without what the summary never reads (event file keys, bad-row samples, the field mapping,
/// version tags).
/// </summary>
internal sealed class IngestLedgerCache
{
    private readonly ChangedObjects<IngestLedgerRecord> _records = new();

    /// <summary>Every record of the tenant's ledger as of this call's listing (or newer), in listing order.</summary>
    public Task<IReadOnlyList<IngestLedgerRecord>> ReadAsync(IngestLedger ledger, string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return _records.ReadAsync(
            tenant,
            ledger.ListObjectsAsync(tenant, cancellationToken),
            item => item.Key,
            async (key, _, ct) => await ledger.ReadObjectAsync(key, ct).ConfigureAwait(false) is { } record ? Slim(record) : null,
            cancellationToken);
    }

    /// <summary>The record with only what <see cref="IngestHealthSummary"/> reads.</summary>
    internal static IngestLedgerRecord Slim(IngestLedgerRecord record) => new(
        record.Key,
        [.. record.Versions.Select(v => v with { ETags = [], Report = v.Report with { Outputs = [], BadRowSamples = [], Mapping = null } })]);
}
