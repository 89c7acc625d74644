namespace Clickcast.Metadata;

/// <summary>
/// Files and folders only the service's own user may read: on Unix, files 0600 and folders 0700, like the key ring.
/// The metadata database holds key hashes and encrypted secrets, the object store raw clickstreams; neither is for
/// other local users. (Here rather than in Storage because Storage already depends on Metadata.)
/// </summary>
internal static class PrivateFiles
{
    /// <summary>rw-------</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> and any missing parents as 0700 (existing folders keep their mode).</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only: create each missing one.
        var full = Path.GetFullPath(path);
        var missing = new Stack<string>();
        for (var folder = full; folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>Sets <paramref name="path"/> (a file or a folder) to the private mode, whatever it was.</summary>
    public static void Restrict(string path, bool folder)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, folder ? FolderMode : FileMode);
        }
    }

    /// <summary>Options of a new file created 0600.</summary>
    public static FileStreamOptions NewFile(FileOptions options = FileOptions.None)
    {
        var stream = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            stream.UnixCreateMode = FileMode;
        }

        return stream;
    }
}
