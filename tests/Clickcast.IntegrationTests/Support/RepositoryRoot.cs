namespace Clickcast.IntegrationTests.Support;

/// <summary>The repository's root folder (the one holding Clickcast.slnx), found once above the test output.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(Find);

    /// <summary>The folder's full path.</summary>
    public static string Folder => Found.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Clickcast.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (Clickcast.slnx) is not above " + AppContext.BaseDirectory);
    }
}
