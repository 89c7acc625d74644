using System.Text.Json;

namespace Clickcast.Storage;

/// <summary>Conveniences over <see cref="IObjectStore"/> that every store gets for free.</summary>
public static class ObjectStoreExtensions
{
    /// <summary>Writes <paramref name="bytes"/> as one object.</summary>
    public static async Task<StoredObject> PutBytesAsync(this IObjectStore store, string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return await store.PutAsync(key, stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a whole object into memory; for small objects (manifests, ledgers).</summary>
    public static async Task<byte[]> ReadAllBytesAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var stream = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Serializes <paramref name="value"/> as JSON into one object.</summary>
    public static Task<StoredObject> PutJsonAsync<T>(this IObjectStore store, string key, T value, JsonSerializerOptions options, CancellationToken cancellationToken = default)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, options);
        return store.PutBytesAsync(key, bytes, cancellationToken);
    }

    /// <summary>Reads a JSON object, or returns default when there is no object with this key.</summary>
    public static async Task<T?> TryReadJsonAsync<T>(this IObjectStore store, string key, JsonSerializerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            var bytes = await store.ReadAllBytesAsync(key, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<T>(bytes, options);
        }
        catch (ObjectNotFoundException)
        {
            return default;
        }
    }

    /// <summary>Copies a local file into the store as one object.</summary>
    public static async Task<StoredObject> PutFileAsync(this IObjectStore store, string key, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await store.PutAsync(key, file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives a seekable local file with the object's content: the object's own file for a local store, else a
    /// temporary download that is deleted when the result is disposed.
    /// </summary>
    public static async Task<LocalCopy> GetLocalCopyAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store is LocalObjectStore local)
        {
            var path = local.PathOf(key);
            if (!File.Exists(path))
            {
                throw new ObjectNotFoundException(key);
            }

            return new LocalCopy(path, isTemporary: false);
        }

        var temp = ScratchSpace.Process.NewPath("copy");
        try
        {
            await using var source = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return new LocalCopy(temp, isTemporary: true);
    }
}
