using Clickcast.Storage;

namespace Clickcast.Export;

/// <summary>Every export of a task and how its deliveries stand, read from the object-store delivery ledger.</summary>
public sealed class DeliveryHistory(IObjectStore store)
{
    /// <summary>The task's exports, newest attempt first.</summary>
    public async Task<IReadOnlyList<DeliverySummary>> ListAsync(string tenant, string task, CancellationToken cancellationToken = default)
    {
        var prefix = TenantLayout.TaskLedger(tenant, task) + "exports/";
        var groups = new Dictionary<(string Destination, string File), List<BatchDelivery>>();
        await foreach (var item in store.ListAsync(prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // {destination}/{file id}/{index}.json
            var parts = item.Key[prefix.Length..].Split('/');
            if (parts.Length != 3
                || await store.TryReadJsonAsync<BatchDelivery>(item.Key, ClickcastJson.Options, cancellationToken).ConfigureAwait(false) is not { } batch)
            {
                continue;
            }

            if (!groups.TryGetValue((parts[0], parts[1]), out var batches))
            {
                groups[(parts[0], parts[1])] = batches = [];
            }

            batches.Add(batch);
        }

        return groups
            .Select(g => new DeliverySummary(
                g.Key.Destination,
                g.Key.File,
                g.Value.Count,
                g.Value.Count(b => b.Status == DeliveryStatus.Delivered),
                g.Value.Count(b => b.Status == DeliveryStatus.Failed),
                g.Value.Count(b => b.Status == DeliveryStatus.Sending),
                g.Value.Sum(b => (long)b.Rows),
                g.Value.Sum(b => b.Attempts),
                g.Value.Max(b => (DateTimeOffset?)b.LastAttemptAt),
                g.Value.OrderByDescending(b => b.LastAttemptAt).FirstOrDefault(b => b.LastError is not null)?.LastError))
            .OrderByDescending(d => d.LastAttemptAt)
            .ThenBy(d => d.Destination, StringComparer.Ordinal)
            .ToList();
    }
}
