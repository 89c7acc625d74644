using System.Runtime.CompilerServices;
using Clickcast.Storage;

namespace Clickcast.Tests.Support;

/// <summary>
/// A worker that listed and read the store at an earlier moment: reads and listings come from <paramref name="reads"/>
/// (a copy taken then), writes and deletes go to <paramref name="writes"/> (the store as it is now).
/// </summary>
internal sealed class StaleReadObjectStore(IObjectStore reads, IObjectStore writes) : IObjectStore
{
    /// <summary>Copies every object of <paramref name="store"/> into a local store under <paramref name="root"/>: the moment to read from.</summary>
    public static async Task<LocalObjectStore> SnapshotAsync(IObjectStore store, string root, CancellationToken cancellationToken)
    {
        var copy = new LocalObjectStore(root);
        await foreach (var item in store.ListAsync(string.Empty, cancellationToken: cancellationToken))
        {
            await using var content = await store.OpenReadAsync(item.Key, cancellationToken);
            await copy.PutAsync(item.Key, content, cancellationToken);
        }

        return copy;
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, string? startAfter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in reads.ListAsync(prefix, startAfter, cancellationToken))
        {
            yield return item;
        }
    }

    public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => reads.GetInfoAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => reads.OpenReadAsync(key, cancellationToken);

    public Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => writes.PutAsync(key, content, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => writes.DeleteAsync(key, cancellationToken);
}
