namespace Clickcast.Testing;

/// <summary>
/// The real data in <c>../shared/data</c> beside the project root (a clone or a worktree), found from the test
/// binary upwards; <c>CLICKCAST_SHARED_DATA</c> overrides. Only the integration tests use it: a test over real data
/// that is not there fails with this message, never skips.
/// </summary>
public static class SharedData
{
    public const string Variable = "CLICKCAST_SHARED_DATA";

    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The full path of a file under the shared data folder, e.g. <c>avro/events-flat-null.avro</c>.</summary>
    /// <exception cref="FileNotFoundException">The shared data, or this file of it, is not there.</exception>
    public static string File(string relative)
    {
        var root = Root.Value ?? throw new FileNotFoundException(
            $"The shared real data (../shared/data beside the project root) was not found above {AppContext.BaseDirectory}, so this test over real " +
            $"data cannot run. Check out ../shared beside the repository, or set {Variable} to its data folder.");
        var path = System.IO.Path.Combine(root, relative);
        return System.IO.File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{relative} is missing from the shared data folder {root}.", path);
    }

    private static string? Find()
    {
        var overridden = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(overridden))
        {
            return Directory.Exists(overridden) ? System.IO.Path.GetFullPath(overridden) : null;
        }

        // Worktrees sit deeper than the main checkout, so every ancestor of the test binary is tried.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", "data");
            if (System.IO.File.Exists(System.IO.Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        return null;
    }
}
