using Clickcast.Storage;

namespace Clickcast.Ingestion;

public sealed partial class Ingestor
{
    /// <summary>
    /// The tenant's ingest health over the last <paramref name="days"/> days up to <paramref name="today"/>, summed
    /// from the ingest ledger (one small record per source file); the events are not read.
    /// </summary>
    public async Task<IngestHealth> ReadHealthAsync(string tenant, DateOnly today, int days, int maxQuarantined, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        var records = new List<IngestLedgerRecord>();
        await foreach (var record in _ledger.ListAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return IngestHealthSummary.Summarize(records, today, days, maxQuarantined);
    }
}
