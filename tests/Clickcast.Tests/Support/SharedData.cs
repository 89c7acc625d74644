namespace Clickcast.Tests.Support;

/// <summary>The real data in ../shared/data, found from the test's working directory upwards.</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            candidate = System.IO.Path.Combine(directory.FullName, "..", "shared", "data");
            if (Directory.Exists(candidate) && File.Exists(System.IO.Path.Combine(candidate, "README.md")))
            {
                return System.IO.Path.GetFullPath(candidate);
            }

            directory = directory.Parent;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("CLICKCAST_SHARED_DATA");
        if (fromEnvironment is not null && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        throw new DirectoryNotFoundException("../shared/data was not found above " + AppContext.BaseDirectory + "; set CLICKCAST_SHARED_DATA.");
    }
}
