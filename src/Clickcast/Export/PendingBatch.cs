namespace Clickcast.Export;

/// <summary>A batch not delivered yet: the next export run sends it with the same id.</summary>
/// <param name="Index">The batch's position in the file, from 0.</param>
/// <param name="BatchId">Its stable id (the idempotency key).</param>
/// <param name="Rows">Rows in the batch.</param>
/// <param name="Attempts">Delivery attempts so far.</param>
/// <param name="LastError">Why the last attempt failed, when one did.</param>
public sealed record PendingBatch(int Index, string BatchId, int Rows, int Attempts, string? LastError);
