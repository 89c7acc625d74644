using System.Globalization;
using System.Runtime.CompilerServices;
using Clickcast.Metadata;

namespace Clickcast.Storage;

/// <summary>
/// The embedded default store: objects are files under a root folder. Writes go to a temporary file first and
/// are renamed into place, which is atomic on the same file system. On Unix the root and every folder it creates
/// are 0700 and every object 0600: raw clickstreams are for the service's user only.
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    /// <summary>Top-level folder for in-flight writes; never listed and not usable as a key segment.</summary>
    private const string TempFolderName = ".tmp";

    private readonly string _root;
    private readonly string _tempFolder;

    /// <summary>Creates a store over <paramref name="rootPath"/>, creating the folder if needed.</summary>
    public LocalObjectStore(string rootPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootPath);
        _root = Path.GetFullPath(rootPath);
        _tempFolder = Path.Combine(_root, TempFolderName);
        PrivateFiles.CreateFolder(_tempFolder);
        PrivateFiles.Restrict(_root, folder: true);
    }

    /// <summary>The folder that holds the objects.</summary>
    public string RootPath => _root;

    /// <summary>The file that holds <paramref name="key"/>; lets readers that need a seekable file skip a copy.</summary>
    public string PathOf(string key)
    {
        ValidateKey(key);
        return Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObject> ListAsync(
        string prefix,
        string? startAfter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);

        // Start at the deepest folder the prefix names, so listing one tenant does not walk all of them.
        var lastSlash = prefix.LastIndexOf('/');
        var folder = lastSlash < 0 ? _root : Path.Combine(_root, prefix[..lastSlash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var entries = new List<(string Key, FileInfo File)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(TempFolderName + "/", StringComparison.Ordinal)
                || !key.StartsWith(prefix, StringComparison.Ordinal)
                || (startAfter is not null && string.CompareOrdinal(key, startAfter) <= 0))
            {
                continue;
            }

            entries.Add((key, new FileInfo(path)));
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (key, file) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            file.Refresh();
            if (file.Exists)
            {
                yield return Describe(key, file);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult<StoredObject?>(file.Exists ? Describe(key, file) : null);
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(key, ex);
        }
    }

    /// <inheritdoc />
    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = PathOf(key);
        var temp = Path.Combine(_tempFolder, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(temp, PrivateFiles.NewFile(FileOptions.Asynchronous)))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            PrivateFiles.CreateFolder(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return Describe(key, new FileInfo(target));
    }

    /// <summary>
    /// Moves an existing local file into the store as <paramref name="key"/> without copying its bytes when it
    /// already sits on the store's file system; the file is gone afterwards.
    /// </summary>
    public StoredObject MoveFileIn(string sourcePath, string key)
    {
        var target = PathOf(key);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(target)!);

        // The file was made elsewhere, with whatever mode: make it private before it becomes visible as an object.
        PrivateFiles.Restrict(sourcePath, folder: false);
        try
        {
            File.Move(sourcePath, target, overwrite: true);
        }
        catch (IOException)
        {
            // Different file systems: copy into the temp folder first so the final rename stays atomic.
            var temp = Path.Combine(_tempFolder, Guid.NewGuid().ToString("N"));
            File.Copy(sourcePath, temp);
            PrivateFiles.Restrict(temp, folder: false);
            File.Move(temp, target, overwrite: true);
            File.Delete(sourcePath);
        }

        return Describe(key, new FileInfo(target));
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    private static StoredObject Describe(string key, FileInfo file)
    {
        var modified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        // Every write renames a new file into place, so size + modification time changes whenever content does.
        var etag = string.Create(CultureInfo.InvariantCulture, $"{file.Length:x}-{modified.UtcTicks:x}");
        return new StoredObject(key, file.Length, etag, modified);
    }

    private static void ValidateKey(string key)
    {
        ObjectKey.Validate(key);
        if (key.StartsWith(TempFolderName + "/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Keys under '{TempFolderName}/' are reserved by the local store.", nameof(key));
        }
    }
}
