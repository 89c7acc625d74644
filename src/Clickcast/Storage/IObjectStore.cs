namespace Clickcast.Storage;

/// <summary>
/// The one seam between Clickcast and where its data lives: a local folder by default, S3-compatible storage
/// when one machine is not enough. Keys are '/'-separated and relative (see <see cref="ObjectKey"/>).
/// </summary>
/// <remarks>
/// Writes are atomic: a reader sees either the previous object or the whole new one, never a part, so a crash
/// mid-write cannot leave an object that a later step would read.
/// </remarks>
public interface IObjectStore
{
    /// <summary>Lists objects whose key starts with <paramref name="prefix"/>, in ordinal key order.</summary>
    /// <param name="prefix">Key prefix; empty lists everything.</param>
    /// <param name="startAfter">When set, only keys ordinally greater than this are returned (a listing cursor).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default);

    /// <summary>Returns what the store knows about one object, or null when there is no such object.</summary>
    Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for reading.</summary>
    /// <exception cref="ObjectNotFoundException">There is no object with this key.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a whole object atomically, replacing any object with the same key.</summary>
    /// <param name="key">The key to write.</param>
    /// <param name="content">The content, read from its current position to its end.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is written then.</param>
    Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; returns false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);
}
