using Clickcast.Storage;

namespace Clickcast.Tests.Storage;

/// <summary>A process's scratch folder: created on first use, locked while its owner lives, gone after it.</summary>
public sealed class ScratchSpaceTests : IDisposable
{
    private readonly TempFolder _parent = new();

    [Fact]
    public void Constructor_NothingUsedYet_CreatesNothing()
    {
        using var space = new ScratchSpace(_parent.Path);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_parent.Path));
    }

    [Fact]
    public void Folder_FirstUse_OwnLockedFolderNamedAfterTheProcess()
    {
        using var space = new ScratchSpace(_parent.Path);

        var folder = space.Folder;

        Assert.Equal(_parent.Path, Path.GetDirectoryName(folder));
        Assert.StartsWith($"clickcast-{Environment.ProcessId}-", Path.GetFileName(folder), StringComparison.Ordinal);
        Assert.Equal(folder, space.Folder);
        // Another open file description cannot take the lock while the owner holds it (flock on Linux).
        Assert.ThrowsAny<IOException>(() => new FileStream(Path.Combine(folder, ScratchSpace.LockFileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None));
    }

    [Fact]
    public void NewPath_TwoCalls_DistinctPathsInsideTheFolderNothingCreated()
    {
        using var space = new ScratchSpace(_parent.Path);

        var first = space.NewPath("spill");
        var second = space.NewPath("spill", ".parquet");

        Assert.NotEqual(first, second);
        Assert.Equal(space.Folder, Path.GetDirectoryName(first));
        Assert.StartsWith("spill-", Path.GetFileName(first), StringComparison.Ordinal);
        Assert.EndsWith(".parquet", second, StringComparison.Ordinal);
        Assert.False(Path.Exists(first));
    }

    [Fact]
    public void CreateFolder_Name_EmptyFolderInsideTheScratchFolder()
    {
        using var space = new ScratchSpace(_parent.Path);

        var folder = space.CreateFolder("ingest");

        Assert.True(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        Assert.Equal(space.Folder, Path.GetDirectoryName(folder));
    }

    [Fact]
    public void Dispose_FilesLeftInside_RemovesTheWholeFolder()
    {
        var space = new ScratchSpace(_parent.Path);
        File.WriteAllBytes(Path.Combine(space.CreateFolder("sort"), "run-0"), new byte[100]);
        File.WriteAllBytes(space.NewPath("part"), new byte[10]);

        space.Dispose();

        Assert.Empty(Directory.EnumerateFileSystemEntries(_parent.Path));
        Assert.Throws<ObjectDisposedException>(() => space.Folder);
    }

    [Fact]
    public void Process_Parent_IsTheTempFolder()
    {
        Assert.Equal(Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.GetTempPath())), ScratchSpace.Process.Parent);
    }

    public void Dispose() => _parent.Dispose();
}
