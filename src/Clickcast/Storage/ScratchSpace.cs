using Clickcast.Metadata;

namespace Clickcast.Storage;

/// <summary>
/// The one place a process puts its temporary files: a folder of its own, <c>&lt;TMPDIR&gt;/clickcast-&lt;pid&gt;-&lt;random&gt;/</c>,
/// created (0700) on first use and holding a <see cref="LockFileName"/> that stays open, exclusively, for the process's
/// life. On Linux and macOS .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/>, which the kernel drops
/// when the process dies however it dies (kill -9, OOM kill): a folder whose lock can be taken belongs to a dead process,
/// and <see cref="ScratchSweep"/> removes it. Each user still deletes its own files when it finishes; the folder goes
/// at a normal exit.
/// </summary>
internal sealed class ScratchSpace : IDisposable
{
    /// <summary>How every scratch folder's name starts (and, before there were scratch folders, every temporary file's).</summary>
    public const string Prefix = "clickcast-";

    /// <summary>The file, inside a scratch folder, locked by its living owner.</summary>
    public const string LockFileName = ".lock";

    private static readonly Lazy<ScratchSpace> Current = new(CreateForProcess);

    private readonly Lock _gate = new();
    private FileStream? _lock;
    private string? _folder;
    private bool _disposed;

    /// <summary>A scratch space under <paramref name="parent"/>; nothing is created before the first <see cref="Folder"/>.</summary>
    public ScratchSpace(string parent)
    {
        ArgumentException.ThrowIfNullOrEmpty(parent);
        Parent = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parent));
    }

    /// <summary>This process's scratch space, under <see cref="Path.GetTempPath"/> (TMPDIR); removed when the process exits normally.</summary>
    public static ScratchSpace Process => Current.Value;

    /// <summary>The folder the scratch folder lives in.</summary>
    public string Parent { get; }

    /// <summary>The scratch folder, created with its lock on first use.</summary>
    public string Folder
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _folder ??= Create();
            }
        }
    }

    /// <summary>A new, unused path in the scratch folder, <c>&lt;name&gt;-&lt;random&gt;&lt;extension&gt;</c>; nothing is created there.</summary>
    public string NewPath(string name, string extension = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Path.Combine(Folder, name + "-" + Guid.NewGuid().ToString("N") + extension);
    }

    /// <summary>Creates a new, empty folder in the scratch folder (see <see cref="NewPath"/>) and returns its path.</summary>
    public string CreateFolder(string name)
    {
        var path = NewPath(name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes the scratch folder and everything left in it, then releases the lock.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_folder is not null)
            {
                try
                {
                    // While the lock is held, so a sweeping process never sees the folder unlocked and half deleted.
                    Directory.Delete(_folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Left for the next process's sweep, which removes it once the lock is free.
                }
            }

            _lock?.Dispose();
        }
    }

    private static ScratchSpace CreateForProcess()
    {
        var space = new ScratchSpace(Path.GetTempPath());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => space.Dispose();
        return space;
    }

    private string Create()
    {
        Directory.CreateDirectory(Parent);
        for (var attempt = 0; ; attempt++)
        {
            var folder = Path.Combine(Parent, Prefix + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12]);
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, PrivateFiles.FolderMode);
            }

            try
            {
                _lock = new FileStream(Path.Combine(folder, LockFileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                return folder;
            }
            catch (IOException) when (attempt < 3)
            {
                // A sweeping process saw the new folder before its lock and took the lock itself (it deletes the
                // folder): start again under a new name.
            }
        }
    }
}
