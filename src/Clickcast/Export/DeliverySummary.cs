namespace Clickcast.Export;

/// <summary>One export (a predictions file to one destination) as its delivery ledger tells it.</summary>
/// <param name="Destination">The destination's name.</param>
/// <param name="PredictionsFileId">The predictions file exported.</param>
/// <param name="Batches">Batches recorded.</param>
/// <param name="Delivered">Batches the destination accepted.</param>
/// <param name="Failed">Batches whose last attempt failed (sent again by the next export run).</param>
/// <param name="Sending">Batches whose attempt never recorded an outcome.</param>
/// <param name="Rows">Rows in the recorded batches.</param>
/// <param name="Attempts">Attempts over all batches.</param>
/// <param name="LastAttemptAt">The latest attempt.</param>
/// <param name="LastError">The latest error, if any batch has one.</param>
public sealed record DeliverySummary(
    string Destination,
    string PredictionsFileId,
    int Batches,
    int Delivered,
    int Failed,
    int Sending,
    long Rows,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    string? LastError)
{
    /// <summary>Delivered, Failed or Sending: the state of the export as a whole.</summary>
    public DeliveryStatus Status => Failed > 0 ? DeliveryStatus.Failed : Sending > 0 ? DeliveryStatus.Sending : DeliveryStatus.Delivered;
}
