using System.Text.RegularExpressions;
using Clickcast.IntegrationTests.Support;

namespace Clickcast.IntegrationTests.Deploy;

/// <summary>
/// The published CLI's ReadyToRun exclusions (Clickcast.Cli.csproj, docs/decisions/0004): crossgen ignores a name that
/// matches no file, so a renamed or dropped library would silently be precompiled, with code that stays final while
/// tiered compilation is off.
/// </summary>
public sealed partial class ReadyToRunListTests
{
    [Fact]
    public void EveryExcludedAssembly_IsOneTheCliShips()
    {
        var excluded = Excluded();

        Assert.True(excluded.Count >= 5, $"Found only {excluded.Count} excluded assemblies: the scan is broken.");
        // This project references the CLI, so its output holds every assembly a publish of the CLI ships.
        var missing = excluded.Where(name => !File.Exists(Path.Combine(AppContext.BaseDirectory, name))).ToList();
        Assert.True(missing.Count == 0, "Excluded from ReadyToRun but not shipped: " + string.Join(", ", missing));
    }

    [Fact]
    public void TheHotLoopsAssemblies_StayJitCompiled()
    {
        // Precompiled, Clickcast.dll cost a 20 M ingest 31 % more CPU (docs/benchmarks.md, "Ingest's start-up JIT").
        var excluded = Excluded();

        Assert.Contains("Clickcast.dll", excluded);
        Assert.Contains("Parquet.dll", excluded);
        Assert.Contains("Snappier.dll", excluded);
        Assert.Contains("System.IO.Hashing.dll", excluded);
    }

    private static List<string> Excluded()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryRoot.Folder, "src", "Clickcast.Cli", "Clickcast.Cli.csproj"));
        return ExcludeItem().Matches(project)
            .SelectMany(m => m.Groups["names"].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }

    [GeneratedRegex("<PublishReadyToRunExclude Include=\"(?<names>[^\"]*)\"")]
    private static partial Regex ExcludeItem();
}
