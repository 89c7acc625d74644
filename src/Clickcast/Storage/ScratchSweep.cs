using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.Storage;

/// <summary>
/// Removes what dead clickcast processes left in the temp folder, at a process's start: each sibling scratch folder
/// (<see cref="ScratchSpace"/>) whose lock can be taken — its owner is dead — and each entry without a lock named as
/// clickcast names its temporary files (those of versions before scratch folders, <c>clickcast-spill-&lt;32 hex&gt;</c> and
/// the like, or a scratch folder whose owner died before it locked it) once nothing in it has been written for
/// <see cref="UnlockedAge"/>. Folders of living processes and other names (<c>/tmp/clickcast-bench</c>) are never
/// touched; entries that cannot be read or removed (another user's) are skipped.
/// </summary>
internal static partial class ScratchSweep
{
    /// <summary>
    /// How long an entry without a lock stays untouched since its last write: far longer than any step writes nothing to
    /// its temporary files, so only a dead process's are removed, and still well before the OS temp cleaner (10 days).
    /// </summary>
    public static readonly TimeSpan UnlockedAge = TimeSpan.FromDays(1);

    /// <summary>Sweeps this process's temp folder (<see cref="Path.GetTempPath"/>, TMPDIR) with the clock and logging of <paramref name="services"/>: what a host does at its start.</summary>
    public static ScratchSweepResult RunAtStart(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ScratchSpace).FullName!);
        return Run(Path.GetTempPath(), services.GetRequiredService<TimeProvider>(), logger);
    }

    /// <summary>Sweeps <paramref name="parent"/> and logs what was removed.</summary>
    public static ScratchSweepResult Run(string parent, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        var result = Run(parent, clock.GetUtcNow(), (path, ex) => Log.ScratchNotRemoved(logger, path, ex.Message));
        if (result.Removed > 0)
        {
            Log.ScratchSwept(logger, result.Removed, Path.GetFullPath(parent), result.Bytes);
        }

        return result;
    }

    /// <summary>Sweeps <paramref name="parent"/> as of <paramref name="now"/>; <paramref name="failed"/> hears of each entry that could not be removed.</summary>
    public static ScratchSweepResult Run(string parent, DateTimeOffset now, Action<string, Exception>? failed = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(parent);
        if (!Directory.Exists(parent))
        {
            return default;
        }

        var removed = 0;
        long bytes = 0;
        foreach (var entry in new DirectoryInfo(parent).EnumerateFileSystemInfos(ScratchSpace.Prefix + "*"))
        {
            // Only names clickcast gives its temporary files: a user's /tmp/clickcast-data or a bench's work folder stays.
            if (!ScratchName().IsMatch(entry.Name) && !OldStyleName().IsMatch(entry.Name))
            {
                continue;
            }

            try
            {
                if (TryRemove(entry, now) is { } size)
                {
                    removed++;
                    bytes += size;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed?.Invoke(entry.FullName, ex);
            }
        }

        return new ScratchSweepResult(removed, bytes);
    }

    /// <summary>Removes <paramref name="entry"/> if its owner is dead and returns the bytes it held; null if kept.</summary>
    private static long? TryRemove(FileSystemInfo entry, DateTimeOffset now)
    {
        if (entry is DirectoryInfo folder && ScratchName().IsMatch(entry.Name) && File.Exists(Path.Combine(folder.FullName, ScratchSpace.LockFileName)))
        {
            // With .NET's file locking turned off every lock could be taken, a living owner's too: keep them all.
            if (LockingDisabled() || TryLock(Path.Combine(folder.FullName, ScratchSpace.LockFileName)) is not { } held)
            {
                return null;
            }

            // Deleted while the lock is held: a starting process that lost the race for this folder's lock moves on.
            using (held)
            {
                var size = Size(folder);
                folder.Delete(recursive: true);
                return size;
            }
        }

        if (now - LastWrite(entry) < UnlockedAge)
        {
            return null;
        }

        var bytes = Size(entry);
        if (entry is DirectoryInfo old)
        {
            old.Delete(recursive: true);
        }
        else
        {
            entry.Delete();
        }

        return bytes;
    }

    /// <summary>DOTNET_SYSTEM_IO_DISABLEFILELOCKING (or the System.IO.DisableFileLocking switch): FileShare.None takes no lock.</summary>
    private static bool LockingDisabled() =>
        AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled)
            ? disabled
            : Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>A scratch folder's name: <c>clickcast-&lt;pid&gt;-&lt;12 hex digits&gt;</c>.</summary>
    [GeneratedRegex("^clickcast-[0-9]+-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex ScratchName();

    /// <summary>The names of the temporary files and folders that versions before scratch folders put straight into the temp folder.</summary>
    [GeneratedRegex("^clickcast-((spill|sort|sorted|predictions|part|put|upload|compact|reshard|ingest|release|train|sequences|export)-)?[0-9a-f]{32}(-encoder|\\.parquet)?$|^clickcast-encoder[A-Za-z0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex OldStyleName();

    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (FileNotFoundException)
        {
            return null; // its owner removed it meanwhile
        }
        catch (IOException)
        {
            return null; // locked: its owner lives
        }
    }

    private static DateTimeOffset LastWrite(FileSystemInfo entry)
    {
        var last = new DateTimeOffset(entry.LastWriteTimeUtc, TimeSpan.Zero);
        if (entry is DirectoryInfo folder)
        {
            foreach (var inner in folder.EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
            {
                var written = new DateTimeOffset(inner.LastWriteTimeUtc, TimeSpan.Zero);
                last = written > last ? written : last;
            }
        }

        return last;
    }

    private static long Size(FileSystemInfo entry) => entry switch
    {
        FileInfo file => file.Length,
        DirectoryInfo folder => folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length),
        _ => 0,
    };
}
