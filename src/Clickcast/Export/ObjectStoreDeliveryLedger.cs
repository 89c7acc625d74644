using System.Globalization;
using Clickcast.Storage;

namespace Clickcast.Export;

/// <summary>
/// The delivery ledger kept in the object store beside the task it describes, one JSON object per batch:
/// <c>tenants/{tenant}/tasks/{task}/_ledger/exports/{destination}/{file id}/{index:D6}.json</c>. One object per batch
/// keeps each write small and atomic, whatever the number of batches.
/// </summary>
internal sealed class ObjectStoreDeliveryLedger : IDeliveryLedger
{
    private readonly IObjectStore _store;

    public ObjectStoreDeliveryLedger(IObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    public async Task<IReadOnlyList<BatchDelivery>> ListAsync(ExportScope scope, CancellationToken cancellationToken = default)
    {
        var records = new List<BatchDelivery>();
        await foreach (var item in _store.ListAsync(Prefix(scope), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var record = await _store.TryReadJsonAsync<BatchDelivery>(item.Key, ClickcastJson.Options, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                records.Add(record);
            }
        }

        records.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return records;
    }

    public Task SaveAsync(ExportScope scope, BatchDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentOutOfRangeException.ThrowIfNegative(delivery.Index);
        var key = Prefix(scope) + delivery.Index.ToString("D6", CultureInfo.InvariantCulture) + ".json";
        return _store.PutJsonAsync(key, delivery, ClickcastJson.Indented, cancellationToken);
    }

    /// <summary><c>tenants/{tenant}/tasks/{task}/_ledger/exports/{destination}/{file id}/</c></summary>
    internal static string Prefix(ExportScope scope) =>
        TenantLayout.TaskLedger(scope.Tenant, scope.Task) + "exports/" + scope.Destination + "/" + scope.PredictionsFileId + "/";
}
