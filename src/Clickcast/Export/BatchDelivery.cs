namespace Clickcast.Export;

/// <summary>What the delivery ledger knows about one batch of one export.</summary>
/// <param name="Index">The batch's position in the file, from 0.</param>
/// <param name="BatchId">The stable id (see <see cref="ExportScope.BatchId"/>).</param>
/// <param name="FirstRow">Index of the batch's first row among the file's exported rows.</param>
/// <param name="Rows">Rows in the batch.</param>
/// <param name="BatchSize">The export's batch size: fixed by the first batch ever recorded, so batches never shift.</param>
/// <param name="SourceSha256">SHA-256 of the predictions file the batch was cut from.</param>
/// <param name="Status">Where the batch stands.</param>
/// <param name="Attempts">Delivery attempts so far, each with its own retries inside the resilience budget.</param>
/// <param name="LastAttemptAt">When the last attempt started.</param>
/// <param name="DeliveredAt">When the destination accepted it, if it did.</param>
/// <param name="LastError">Why the last attempt failed, if it did (never a secret).</param>
public sealed record BatchDelivery(
    int Index,
    string BatchId,
    long FirstRow,
    int Rows,
    int BatchSize,
    string SourceSha256,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset LastAttemptAt,
    DateTimeOffset? DeliveredAt = null,
    string? LastError = null);
