namespace Clickcast.Storage;

/// <summary>What a listing says about one object: enough to decide whether it is new or changed.</summary>
/// <param name="Key">The object's key, '/'-separated, never starting with '/'.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="ETag">An opaque version tag: changes whenever the content changes.</param>
/// <param name="LastModified">When the object was last written.</param>
public readonly record struct StoredObject(string Key, long Size, string ETag, DateTimeOffset LastModified);
