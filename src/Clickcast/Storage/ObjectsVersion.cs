using System.Security.Cryptography;
using System.Text;

namespace Clickcast.Storage;

/// <summary>
/// What a group of listed objects looked like: the keys and version tags of its objects. A group of one object (a
/// ledger record) keeps that object's key and tag as listed; a larger group (an export's batches) keeps a SHA-256
/// over its keys and tags, so that what stays in memory per group is small however many objects it has.
/// </summary>
internal sealed class ObjectsVersion
{
    private readonly string? _key;
    private readonly string? _etag;
    private readonly byte[]? _hash;

    private ObjectsVersion(string? key, string? etag, byte[]? hash) => (_key, _etag, _hash) = (key, etag, hash);

    /// <summary>The version of <paramref name="objects"/>, in their listing order.</summary>
    public static ObjectsVersion Of(IReadOnlyList<StoredObject> objects) =>
        objects.Count == 1 ? new ObjectsVersion(objects[0].Key, objects[0].ETag, null) : new ObjectsVersion(null, null, Hash(objects));

    /// <summary>True when <paramref name="objects"/> are the same keys with the same tags, in the same order.</summary>
    public bool Matches(IReadOnlyList<StoredObject> objects) => _hash is null
        ? objects.Count == 1 && string.Equals(objects[0].Key, _key, StringComparison.Ordinal) && string.Equals(objects[0].ETag, _etag, StringComparison.Ordinal)
        : objects.Count != 1 && _hash.AsSpan().SequenceEqual(Hash(objects));

    private static byte[] Hash(IReadOnlyList<StoredObject> objects)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in objects)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(item.Key + "\n" + item.ETag + "\n"));
        }

        return hash.GetHashAndReset();
    }
}
