using System.Runtime.CompilerServices;

namespace Clickcast.Bench;

/// <summary>Where the benchmarks find the checkout, the built command line and the shared data sets.</summary>
public static class Repository
{
    /// <summary>The checkout this library was built from.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", ".."));

    /// <summary>The Release build of the command line (`dotnet build -c Release src/Clickcast.Cli`, which bench/run.sh does).</summary>
    public static string Cli { get; } = Path.Combine(Root, "artifacts", "bin", "Clickcast.Cli", "release", "Clickcast.Cli.dll");

    /// <summary>docs/benchmarks.md, which <c>--write</c> updates.</summary>
    public static string BenchmarksDocument { get; } = Path.Combine(Root, "docs", "benchmarks.md");

    /// <summary>
    /// CLICKCAST_SHARED_DATA, or the first shared/data folder beside the checkout or above it (worktrees sit deeper).
    /// </summary>
    public static string SharedData() =>
        Environment.GetEnvironmentVariable("CLICKCAST_SHARED_DATA") is { Length: > 0 } overridden
            ? overridden
            : Ancestors(Root).Select(d => Path.Combine(d, "shared", "data")).FirstOrDefault(Directory.Exists)
                ?? throw new DirectoryNotFoundException($"No shared/data folder above {Root}; set CLICKCAST_SHARED_DATA.");

    private static IEnumerable<string> Ancestors(string folder)
    {
        for (var d = new DirectoryInfo(folder); d is not null; d = d.Parent)
        {
            yield return d.FullName;
        }
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
