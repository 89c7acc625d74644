using System.Runtime.Versioning;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Storage;

/// <summary>Raw data is for the service's user only: objects 0600, folders 0700, whatever the umask.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalObjectStoreModeTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutAsync_NewObject_FileAndEveryFolderArePrivate()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var store = new LocalObjectStore(_folder.File("objects"));

        await store.PutBytesAsync("tenants/a/raw/day1/x.csv", "client_id\n"u8.ToArray(), Token);

        Assert.Equal(Private, File.GetUnixFileMode(store.PathOf("tenants/a/raw/day1/x.csv")));
        foreach (var folder in new[] { "objects", "objects/tenants", "objects/tenants/a", "objects/tenants/a/raw", "objects/tenants/a/raw/day1" })
        {
            Assert.Equal(PrivateFolder, File.GetUnixFileMode(_folder.File(folder)));
        }
    }

    [Fact]
    public void MoveFileIn_WorldReadableFile_BecomesPrivate()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var store = new LocalObjectStore(_folder.File("objects"));
        var source = _folder.File("upload.csv");
        File.WriteAllText(source, "client_id\n");
        File.SetUnixFileMode(source, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        store.MoveFileIn(source, "tenants/a/raw/upload.csv");

        Assert.Equal(Private, File.GetUnixFileMode(store.PathOf("tenants/a/raw/upload.csv")));
    }

    [Fact]
    public void Constructor_ExistingOpenRoot_IsMadePrivate()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var root = _folder.File("objects");
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, PrivateFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        _ = new LocalObjectStore(root);

        Assert.Equal(PrivateFolder, File.GetUnixFileMode(root));
    }

    public void Dispose() => _folder.Dispose();
}
