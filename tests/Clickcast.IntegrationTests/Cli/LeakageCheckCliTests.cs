using Clickcast.IntegrationTests.Support;
using Clickcast.Testing;

namespace Clickcast.IntegrationTests.Cli;

/// <summary><c>clickcast train --leakage-check</c> through the real command line on the shared access log.</summary>
public sealed class LeakageCheckCliTests
{
    private const string Definition = """
        { "id": "shop", "ingest": { "urls": { "defaultHost": "semicomplete.com" } },
          "tasks": [ { "id": "blog", "attribute": "later_blog",
            "target": { "urlPattern": "semicomplete.com/blog" },
            "labeling": { "mode": "Position", "observedEvents": 1, "minPositives": 20, "minNegatives": 20, "minPositivesPerEvaluationSplit": 2 },
            "model": { "family": "LogisticRegression", "statistics": { "leakagePermutations": 3 } } } ] }
        """;

    [Fact]
    public async Task Train_LeakageCheck_PrintsThePassingVerdictAndExitsZero()
    {
        using var folder = new TempFolder();
        var data = folder.Path;
        await CliProcess.ApplyIngestAndBuildSequencesAsync(data, Definition, "shop", SharedData.File("apache-combined/access.log"));

        var checkedRun = await CliProcess.RunAsync(data, CliProcess.NoEnvironment, "train", "--tenant", "shop", "--leakage-check", "--out", folder.File("check"));

        Assert.True(checkedRun.ExitCode == 0, checkedRun.Output);
        Assert.Contains("Leakage check passed: test AUC on 3 label permutation(s)", checkedRun.Output, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(1, 3), i => Assert.True(Directory.Exists(Path.Combine(folder.File("check"), $"permutation-{i}"))));
    }
}
