using System.Runtime.Versioning;
using Clickcast.Metadata;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Metadata;

/// <summary>The metadata database holds key hashes and encrypted secrets: 0600 like the key ring, its folder 0700.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class MetadataDatabaseModeTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_NewDatabase_FileWalAndFolderArePrivate()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var database = MetadataDatabase.Sqlite(_folder.File("data/clickcast.db"), new FakeTimeProvider());

        await database.MigrateAsync(Token);

        await using (var connection = await database.OpenConnectionAsync(Token))
        {
            var files = Directory.GetFiles(_folder.File("data"));
            Assert.Contains(_folder.File("data/clickcast.db"), files);
            foreach (var file in files)
            {
                Assert.True(Private == File.GetUnixFileMode(file), $"{file}: {File.GetUnixFileMode(file)}");
            }
        }

        Assert.Equal(Private | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder.File("data")));
    }

    [Fact]
    public async Task Sqlite_ExistingWorldReadableDatabase_IsMadePrivate()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var path = _folder.File("clickcast.db");
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var database = MetadataDatabase.Sqlite(path, new FakeTimeProvider());

        Assert.Equal(Private, File.GetUnixFileMode(path));
    }

    public void Dispose() => _folder.Dispose();
}
