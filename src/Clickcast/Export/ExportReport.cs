namespace Clickcast.Export;

/// <summary>What one export run did: per destination, batches delivered now, before, and still pending.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Task">The task.</param>
/// <param name="PredictionsKey">The predictions file exported.</param>
/// <param name="PredictionsFileId">Its id: the file name without <c>.parquet</c>.</param>
/// <param name="Rows">Exportable rows in the file.</param>
/// <param name="RowsRejected">Rows skipped as not exportable (another tenant or task, no client id, a non-finite score).</param>
/// <param name="Destinations">One report per destination, in the order given.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Duration">How long it took.</param>
public sealed record ExportReport(
    string Tenant,
    string Task,
    string PredictionsKey,
    string PredictionsFileId,
    long Rows,
    long RowsRejected,
    IReadOnlyList<DestinationReport> Destinations,
    DateTimeOffset StartedAt,
    TimeSpan Duration)
{
    /// <summary>True when every destination has every batch; false means the export should run again later.</summary>
    public bool Succeeded => Destinations.All(d => d.Succeeded);

    /// <summary>Batches still pending across destinations.</summary>
    public int PendingBatches => Destinations.Sum(d => d.Pending.Count);
}
