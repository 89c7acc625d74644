using System.Security.Cryptography;
using System.Text;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

/// <summary>
/// Remembers which versions of which source objects were ingested, keyed by object key and content hash, so that
/// ingesting the same file twice adds nothing. Kept in the object store beside the data it describes, one small
/// object per source key, so the data plane needs no database.
/// </summary>
internal sealed class IngestLedger
{
    private readonly IObjectStore _store;

    public IngestLedger(IObjectStore store)
    {
        _store = store;
    }

    public async Task<IngestLedgerRecord?> FindAsync(string tenant, string sourceKey, CancellationToken cancellationToken) =>
        await _store.TryReadJsonAsync<IngestLedgerRecord>(RecordKey(tenant, sourceKey), ClickcastJson.Options, cancellationToken).ConfigureAwait(false);

    public Task SaveAsync(string tenant, IngestLedgerRecord record, CancellationToken cancellationToken) =>
        _store.PutJsonAsync(RecordKey(tenant, record.Key), record, ClickcastJson.Indented, cancellationToken);

    /// <summary>Lists every ledger record of a tenant.</summary>
    public async IAsyncEnumerable<IngestLedgerRecord> ListAsync(string tenant, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in ListObjectsAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            if (await ReadObjectAsync(item.Key, cancellationToken).ConfigureAwait(false) is { } record)
            {
                yield return record;
            }
        }
    }

    /// <summary>The tenant's ledger objects, one per source key, with their version tags: a listing, no content read.</summary>
    public IAsyncEnumerable<StoredObject> ListObjectsAsync(string tenant, CancellationToken cancellationToken = default) =>
        _store.ListAsync(TenantLayout.Ledger(tenant) + "ingest/", cancellationToken: cancellationToken);

    /// <summary>The record in one ledger object listed by <see cref="ListObjectsAsync"/>, or null when it is gone.</summary>
    public Task<IngestLedgerRecord?> ReadObjectAsync(string objectKey, CancellationToken cancellationToken = default) =>
        _store.TryReadJsonAsync<IngestLedgerRecord>(objectKey, ClickcastJson.Options, cancellationToken);

    /// <summary>The key whose ingest first kept this content, or null.</summary>
    public async Task<string?> FindContentAsync(string tenant, string contentSha256, CancellationToken cancellationToken) =>
        (await _store.TryReadJsonAsync<IngestContentRecord>(ContentKey(tenant, contentSha256), ClickcastJson.Options, cancellationToken).ConfigureAwait(false))?.Key;

    /// <summary>Remembers that <paramref name="key"/> holds this content (the first key wins).</summary>
    public Task SaveContentAsync(string tenant, string contentSha256, string key, CancellationToken cancellationToken) =>
        _store.PutJsonAsync(ContentKey(tenant, contentSha256), new IngestContentRecord(key), ClickcastJson.Indented, cancellationToken);

    private static string ContentKey(string tenant, string contentSha256) => TenantLayout.Ledger(tenant) + "content/" + contentSha256[..40] + ".json";

    private static string RecordKey(string tenant, string sourceKey) =>
        TenantLayout.Ledger(tenant) + "ingest/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceKey)))[..40] + ".json";
}
