namespace Clickcast.Export;

/// <summary>
/// The memory that makes export exactly-once: which batches of an export were delivered, and how the others fared.
/// A record is saved before each attempt and after its outcome; a batch recorded <see cref="DeliveryStatus.Delivered"/>
/// is never sent again. The object-store implementation keeps one small JSON object per batch; a database can
/// implement the same two calls.
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>Every batch recorded for <paramref name="scope"/>, ordered by index.</summary>
    Task<IReadOnlyList<BatchDelivery>> ListAsync(ExportScope scope, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="delivery"/>, replacing what was recorded for the same batch index. Durable when it returns.</summary>
    Task SaveAsync(ExportScope scope, BatchDelivery delivery, CancellationToken cancellationToken = default);
}
