using Clickcast.Storage;

namespace Clickcast.Tests.Support;

/// <summary>
/// A local store that fails the write a test names, as a process killed at that moment would leave it: every
/// earlier write done, that one and every later one not.
/// </summary>
public sealed class CrashingObjectStore(LocalObjectStore inner) : IObjectStore
{
    /// <summary>Returns true for the write that "kills the process"; null never fails.</summary>
    public Func<string, bool>? CrashAt { get; set; }

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        if (CrashAt?.Invoke(key) == true)
        {
            CrashAt = null;
            throw new IOException($"simulated crash before writing {key}");
        }

        return inner.PutAsync(key, content, cancellationToken);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
