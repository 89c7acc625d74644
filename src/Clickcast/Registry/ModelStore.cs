using Clickcast.Storage;
using Clickcast.Training;
using Microsoft.Extensions.Options;

namespace Clickcast.Registry;

/// <summary>
/// Moves model folders between the object store (where versions live, immutable) and a local cache (where a
/// family can load them: libtorch reads files). A cached version never goes stale because versions never change.
/// </summary>
public sealed class ModelStore
{
    private readonly IObjectStore _store;
    private readonly IReadOnlyList<IModelFamily> _families;
    private readonly string _cache;

    public ModelStore(IObjectStore store, IEnumerable<IModelFamily> families, IOptions<ClickcastOptions> options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(families);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _families = families.ToList();
        _cache = Path.Combine(Path.GetFullPath(options.Value.DataPath), "cache", "models");
    }

    /// <summary>Uploads every file of a local model folder under <paramref name="folderKey"/> (a prefix ending in '/').</summary>
    public async Task UploadAsync(string localFolder, string folderKey, CancellationToken cancellationToken = default)
    {
        foreach (var file in Directory.EnumerateFiles(localFolder).Order(StringComparer.Ordinal))
        {
            await _store.PutFileAsync(folderKey + Path.GetFileName(file), file, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The local copy of a stored model folder, downloaded on first use.</summary>
    public async Task<string> LocalFolderAsync(string folderKey, CancellationToken cancellationToken = default)
    {
        var local = Path.Combine(_cache, folderKey.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(Path.Combine(local, ".complete")))
        {
            return local;
        }

        // Download into a fresh folder and rename it into place: a crash never leaves a half-copied model to load.
        var temp = local + ".part-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(temp);
        try
        {
            var any = false;
            await foreach (var item in _store.ListAsync(folderKey, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                any = true;
                await using var source = await _store.OpenReadAsync(item.Key, cancellationToken).ConfigureAwait(false);
                await using var target = File.Create(Path.Combine(temp, item.Key[folderKey.Length..].Replace('/', Path.DirectorySeparatorChar)));
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }

            if (!any)
            {
                throw new InvalidOperationException($"No model files under '{folderKey}'.");
            }

            await File.WriteAllTextAsync(Path.Combine(temp, ".complete"), folderKey, cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(local))
            {
                Directory.Delete(local, recursive: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            Directory.Move(temp, local);
            return local;
        }
        catch
        {
            Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    /// <summary>Loads a stored model version for scoring.</summary>
    public async Task<TrainedModelVersion> LoadAsync(string folderKey, CancellationToken cancellationToken = default) =>
        TrainedModelVersion.Load(await LocalFolderAsync(folderKey, cancellationToken).ConfigureAwait(false), _families);
}
