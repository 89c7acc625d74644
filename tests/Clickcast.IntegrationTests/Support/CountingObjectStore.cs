using System.Runtime.CompilerServices;
using Clickcast.Storage;

namespace Clickcast.IntegrationTests.Support;

/// <summary>An object store that counts the calls it gets before passing them on.</summary>
public sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    private int _lists;
    private int _infos;

    public int Lists => _lists;

    public int Infos => _infos;

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, string? startAfter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lists);
        await foreach (var item in inner.ListAsync(prefix, startAfter, cancellationToken))
        {
            yield return item;
        }
    }

    public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _infos);
        return inner.GetInfoAsync(key, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
