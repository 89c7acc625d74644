using Clickcast.Storage;

namespace Clickcast.Export;

/// <summary>
/// Every export of a task and how its deliveries stand, read from the object-store delivery ledger. Each call lists
/// the task's ledger (keys and version tags, no content); an export whose batch objects are listed with the same
/// tags as on this instance's previous call keeps its summary, the others are read again
/// (<see cref="ChangedObjects{TValue}"/>). So a call reads what changed, not every batch ever delivered, and its
/// answer is the full ledger's.
/// </summary>
public sealed class DeliveryHistory(IObjectStore store)
{
    private readonly ChangedObjects<DeliverySummary> _exports = new();

    /// <summary>The task's exports, newest attempt first.</summary>
    public async Task<IReadOnlyList<DeliverySummary>> ListAsync(string tenant, string task, CancellationToken cancellationToken = default)
    {
        var prefix = TenantLayout.TaskLedger(tenant, task) + "exports/";
        var exports = await _exports.ReadAsync(
            prefix,
            store.ListAsync(prefix, cancellationToken: cancellationToken),
            // {destination}/{file id}/{index}.json: one export per destination and file.
            item => item.Key.AsSpan(prefix.Length).Count('/') == 2 ? item.Key[..item.Key.LastIndexOf('/')] : null,
            ReadExportAsync,
            cancellationToken).ConfigureAwait(false);
        return exports
            .OrderByDescending(d => d.LastAttemptAt)
            .ThenBy(d => d.Destination, StringComparer.Ordinal)
            .ToList();

        async Task<DeliverySummary?> ReadExportAsync(string export, IReadOnlyList<StoredObject> objects, CancellationToken ct)
        {
            var batches = new List<BatchDelivery>(objects.Count);
            foreach (var item in objects)
            {
                if (await store.TryReadJsonAsync<BatchDelivery>(item.Key, ClickcastJson.Options, ct).ConfigureAwait(false) is { } batch)
                {
                    batches.Add(batch);
                }
            }

            var parts = export[prefix.Length..].Split('/');
            return batches.Count == 0 ? null : Summarize(parts[0], parts[1], batches);
        }
    }

    /// <summary>One export's batches as one summary.</summary>
    internal static DeliverySummary Summarize(string destination, string file, IReadOnlyList<BatchDelivery> batches) => new(
        destination,
        file,
        batches.Count,
        batches.Count(b => b.Status == DeliveryStatus.Delivered),
        batches.Count(b => b.Status == DeliveryStatus.Failed),
        batches.Count(b => b.Status == DeliveryStatus.Sending),
        batches.Sum(b => (long)b.Rows),
        batches.Sum(b => b.Attempts),
        batches.Max(b => (DateTimeOffset?)b.LastAttemptAt),
        batches.OrderByDescending(b => b.LastAttemptAt).FirstOrDefault(b => b.LastError is not null)?.LastError);
}
