using Clickcast.Storage;

namespace Clickcast.Ingestion;

public sealed partial class Ingestor
{
    private readonly IngestLedgerCache _healthLedger = new();

    /// <summary>
    /// The tenant's ingest health over the last <paramref name="days"/> days up to <paramref name="today"/>, summed
    /// from the ingest ledger (one small record per source file); the events are not read. The ledger is listed on
    /// every call, but only records new or changed since this instance's previous call are read
    /// (<see cref="IngestLedgerCache"/>): the answer is the full ledger's, at a cost that grows with what changed.
    /// </summary>
    public async Task<IngestHealth> ReadHealthAsync(string tenant, DateOnly today, int days, int maxQuarantined, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        var records = await _healthLedger.ReadAsync(_ledger, tenant, cancellationToken).ConfigureAwait(false);
        return IngestHealthSummary.Summarize(records, today, days, maxQuarantined);
    }
}
