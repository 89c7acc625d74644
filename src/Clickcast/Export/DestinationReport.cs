namespace Clickcast.Export;

/// <summary>What one export run did for one destination.</summary>
/// <param name="Destination">The destination's name.</param>
/// <param name="Kind">The destination's kind.</param>
/// <param name="BatchesTotal">Batches the file cuts into for this destination (1 for files).</param>
/// <param name="DeliveredNow">Batches delivered by this run.</param>
/// <param name="AlreadyDelivered">Batches skipped because an earlier run delivered them.</param>
/// <param name="Pending">Batches still to deliver: the job queue retries the export later.</param>
/// <param name="Rows">Rows the destination receives in all (its share of the file).</param>
/// <param name="RowsDeliveredNow">Rows in the batches delivered by this run.</param>
/// <param name="Errors">Why batches are pending or the destination could not run; empty on success.</param>
public sealed record DestinationReport(
    string Destination,
    ExportDestinationKind Kind,
    int BatchesTotal,
    int DeliveredNow,
    int AlreadyDelivered,
    IReadOnlyList<PendingBatch> Pending,
    long Rows,
    long RowsDeliveredNow,
    IReadOnlyList<string> Errors)
{
    /// <summary>True when every batch is delivered (now or before) and nothing went wrong.</summary>
    public bool Succeeded => Errors.Count == 0 && Pending.Count == 0 && DeliveredNow + AlreadyDelivered == BatchesTotal;
}
