using Clickcast.Storage;

namespace Clickcast.Server.Uploads;

/// <summary>
/// Names that are valid keys but cannot live beside what is stored: a file where a folder is (<c>a</c> when
/// <c>a/b.csv</c> exists) or a folder where a file is (<c>a/b.csv</c> when <c>a</c> exists). A file system cannot hold
/// both, so every store refuses them alike. Costs one existence check per parent and one listing of at most one item.
/// </summary>
internal static class UploadNames
{
    /// <summary>Why <paramref name="key"/> collides with a stored object, or null.</summary>
    public static async Task<string?> CollisionAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        for (var slash = key.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = key.IndexOf('/', slash + 1))
        {
            var parent = key[..slash];
            if (await store.GetInfoAsync(parent, cancellationToken).ConfigureAwait(false) is not null)
            {
                return $"'{parent}' is a file, so it cannot also be a folder";
            }
        }

        await foreach (var _ in store.ListAsync(key + "/", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return $"'{key}' is a folder of other files, so it cannot also be a file";
        }

        return null;
    }
}
