using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Storage;

/// <summary>
/// The sweep at a process's start: dead processes' scratch folders go whatever their age, living processes' stay,
/// unlocked clickcast-* leftovers go once a day has passed since their last write, other names are never touched.
/// </summary>
public sealed class ScratchSweepTests : IDisposable
{
    private static readonly DateTimeOffset Written = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _parent = new();

    [Fact]
    public void Run_LivingProcessesFolder_Kept()
    {
        using var live = new ScratchSpace(_parent.Path);
        File.WriteAllBytes(live.NewPath("spill"), new byte[10]);
        Age(live.Folder, Written);

        var result = ScratchSweep.Run(_parent.Path, Written + TimeSpan.FromDays(30));

        Assert.Equal(default, result);
        Assert.Single(Directory.EnumerateFiles(live.Folder, "spill-*"));
    }

    [Fact]
    public void Run_DeadProcessesFolder_RemovedAtOnceWithItsBytesCounted()
    {
        var dead = DeadScratchFolder("clickcast-4242-0123456789ab");
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(dead, "ingest-1")).FullName, "part"), new byte[300]);
        File.WriteAllBytes(Path.Combine(dead, "predictions-2.parquet"), new byte[20]);

        var result = ScratchSweep.Run(_parent.Path, DateTimeOffset.UnixEpoch);

        Assert.Equal(new ScratchSweepResult(1, 320), result);
        Assert.False(Directory.Exists(dead));
    }

    [Fact]
    public void Run_OtherNames_NeverTouched()
    {
        // A user's data folder, a bench's work folder, look-alikes: with or without a free lock file, however old.
        var names = new[] { "other-tool", "clickcast", "clickcastle-1", "my-clickcast-1", "clickcast-bench", "clickcast-data", "clickcast-spill-not-ours", "clickcast-12-0123456789abcdef" };
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var folder = Directory.CreateDirectory(Path.Combine(_parent.Path, name)).FullName;
            if (i % 2 == 0)
            {
                File.WriteAllText(Path.Combine(folder, ScratchSpace.LockFileName), string.Empty);
            }

            Age(folder, Written);
        }

        File.WriteAllText(Path.Combine(_parent.Path, "clickcast.log"), "x");
        File.SetLastWriteTimeUtc(Path.Combine(_parent.Path, "clickcast.log"), Written.UtcDateTime);

        var result = ScratchSweep.Run(_parent.Path, Written + TimeSpan.FromDays(30));

        Assert.Equal(default, result);
        Assert.Equal(names.Length + 1, Directory.EnumerateFileSystemEntries(_parent.Path).Count());
    }

    [Fact]
    public void Run_UnlockedLeftoverLastWrittenOverADayAgo_Removed()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_parent.Path, "clickcast-spill-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllBytes(Path.Combine(folder, "rows"), new byte[50]);
        Age(folder, Written);
        var file = Path.Combine(_parent.Path, "clickcast-part-" + Guid.NewGuid().ToString("N") + ".parquet");
        File.WriteAllBytes(file, new byte[7]);
        File.SetLastWriteTimeUtc(file, Written.UtcDateTime);

        var result = ScratchSweep.Run(_parent.Path, Written + ScratchSweep.UnlockedAge + TimeSpan.FromMinutes(1));

        Assert.Equal(new ScratchSweepResult(2, 57), result);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_parent.Path));
    }

    [Fact]
    public void Run_UnlockedLeftoversOfEveryOldStyleName_Removed()
    {
        var id = Guid.NewGuid().ToString("N");
        var names = new[] { "spill", "sort", "sorted", "predictions", "part", "put", "upload", "compact", "reshard", "ingest", "release", "train", "sequences", "export" }
            .Select(n => $"clickcast-{n}-{id}")
            .Concat([$"clickcast-{id}", $"clickcast-train-{id}-encoder", $"clickcast-part-{id}.parquet", "clickcast-encoderAb12Cd"])
            .ToList();
        foreach (var name in names)
        {
            File.WriteAllBytes(Path.Combine(_parent.Path, name), new byte[1]);
            File.SetLastWriteTimeUtc(Path.Combine(_parent.Path, name), Written.UtcDateTime);
        }

        var result = ScratchSweep.Run(_parent.Path, Written + TimeSpan.FromDays(2));

        Assert.Equal(new ScratchSweepResult(names.Count, names.Count), result);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_parent.Path));
    }

    [Fact]
    public void Run_UnlockedLeftoverWrittenWithinADay_Kept()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_parent.Path, "clickcast-spill-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllBytes(Path.Combine(folder, "rows"), new byte[50]);
        Age(folder, Written);

        var result = ScratchSweep.Run(_parent.Path, Written + ScratchSweep.UnlockedAge - TimeSpan.FromMinutes(1));

        Assert.Equal(default, result);
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public void Run_UnlockedOldFolderWithARecentlyWrittenFileInside_Kept()
    {
        // A step of an older version still writing into a folder it created long ago: the newest write counts.
        var folder = Directory.CreateDirectory(Path.Combine(_parent.Path, "clickcast-ingest-" + Guid.NewGuid().ToString("N"))).FullName;
        var inner = Directory.CreateDirectory(Path.Combine(folder, "day")).FullName;
        File.WriteAllBytes(Path.Combine(inner, "part"), new byte[5]);
        Age(folder, Written);
        File.SetLastWriteTimeUtc(Path.Combine(inner, "part"), (Written + TimeSpan.FromDays(2)).UtcDateTime);

        var result = ScratchSweep.Run(_parent.Path, Written + TimeSpan.FromDays(2.5));

        Assert.Equal(default, result);
        Assert.True(File.Exists(Path.Combine(inner, "part")));
    }

    [Fact]
    public void Run_WithALogger_LogsTheCountAndBytesAtInformation()
    {
        var dead = DeadScratchFolder("clickcast-77-0123456789ab");
        File.WriteAllBytes(Path.Combine(dead, "sorted-1"), new byte[64]);
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        var result = ScratchSweep.Run(_parent.Path, new FakeTimeProvider(Written), factory.CreateLogger("sweep"));

        Assert.Equal(new ScratchSweepResult(1, 64), result);
        var entry = Assert.Single(logs.Entries);
        Assert.Contains("Information 7421", entry, StringComparison.Ordinal);
        Assert.Contains("Removed=1", entry, StringComparison.Ordinal);
        Assert.Contains("Bytes=64", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NothingToRemove_LogsNothing()
    {
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        ScratchSweep.Run(_parent.Path, new FakeTimeProvider(Written), factory.CreateLogger("sweep"));

        Assert.Empty(logs.Entries);
    }

    public void Dispose() => _parent.Dispose();

    /// <summary>A scratch folder whose owner died: its lock file is there and nobody holds it.</summary>
    private string DeadScratchFolder(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_parent.Path, name)).FullName;
        File.WriteAllText(Path.Combine(folder, ScratchSpace.LockFileName), string.Empty);
        return folder;
    }

    /// <summary>Sets the last write of <paramref name="folder"/> and of everything in it to <paramref name="when"/>.</summary>
    private static void Age(string folder, DateTimeOffset when)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, when.UtcDateTime);
        }

        foreach (var inner in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Append(folder))
        {
            Directory.SetLastWriteTimeUtc(inner, when.UtcDateTime);
        }
    }
}
