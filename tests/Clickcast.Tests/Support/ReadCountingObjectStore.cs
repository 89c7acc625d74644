using Clickcast.Storage;

namespace Clickcast.Tests.Support;

/// <summary>A store that counts the objects opened for reading before passing every call on.</summary>
public sealed class ReadCountingObjectStore(IObjectStore inner) : IObjectStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byKey = new(StringComparer.Ordinal);
    private int _reads;

    /// <summary>Objects opened for reading since the last <see cref="Reset"/>.</summary>
    public int Reads => _reads;

    /// <summary>Times each key was opened for reading since the last <see cref="Reset"/>.</summary>
    public IReadOnlyDictionary<string, int> ReadsByKey => _byKey;

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        _byKey.Clear();
    }

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        _byKey.AddOrUpdate(key, 1, (_, n) => n + 1);
        return inner.OpenReadAsync(key, cancellationToken);
    }

    public Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
