using System.Globalization;
using Clickcast.Storage;

namespace Clickcast.Registry;

/// <summary>
/// Moves a tenant's pretrained encoders between the object store (<see cref="TenantLayout.Encoders"/>, one folder per
/// sequences generation) and a local folder, where libtorch reads them.
/// </summary>
public sealed class EncoderStore
{
    private readonly IObjectStore _store;

    public EncoderStore(IObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The folder key of the tenant's newest encoder (highest generation); null when there is none.</summary>
    public async Task<string?> NewestAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var prefix = TenantLayout.Encoders(tenant);
        long? newest = null;
        await foreach (var item in _store.ListAsync(prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var rest = item.Key[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && long.TryParse(rest[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var generation) && generation > (newest ?? -1))
            {
                newest = generation;
            }
        }

        return newest is { } g ? TenantLayout.Encoder(tenant, g) : null;
    }

    /// <summary>Copies every file under <paramref name="folderKey"/> into <paramref name="localFolder"/> (created).</summary>
    public async Task DownloadAsync(string folderKey, string localFolder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(localFolder);
        await foreach (var item in _store.ListAsync(folderKey, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var name = item.Key[folderKey.Length..];
            if (name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            await using var source = await _store.OpenReadAsync(item.Key, cancellationToken).ConfigureAwait(false);
            await using var target = File.Create(Path.Combine(localFolder, name));
            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Uploads every file of <paramref name="localFolder"/> under <paramref name="folderKey"/>.</summary>
    public async Task UploadAsync(string localFolder, string folderKey, CancellationToken cancellationToken = default)
    {
        foreach (var file in Directory.EnumerateFiles(localFolder).Order(StringComparer.Ordinal))
        {
            await _store.PutFileAsync(folderKey + Path.GetFileName(file), file, cancellationToken).ConfigureAwait(false);
        }
    }
}
