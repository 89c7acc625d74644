using Clickcast.Pipeline;
using Clickcast.Registry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Clickcast.Training;

namespace Clickcast.Tests.Pipeline;

/// <summary>A retrain keeps the champion's full evaluation on the challenger's test clients beside the challenger (issue 14).</summary>
public sealed class TaskTrainerComparisonTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retrain_WritesComparisonWhoseChampionAucIsTheOneJudged()
    {
        await using var host = new PipelineHost();
        await host.Get<TenantCatalog>().SaveAsync(PipelineHost.Definition(), Token);
        await host.DropAllButLastDayAsync();
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        await host.DropLastDayAsync();
        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var versions = await host.Get<ModelRegistry>().ListAsync(PipelineHost.Tenant, "checkout", Token);
        var first = versions.Single(v => v.Version == 1);
        var challenger = versions.Single(v => v.Version == 2);
        var comparison = await host.Store.TryReadJsonAsync<ModelComparison>(challenger.FolderKey + ModelFiles.Comparison, ClickcastJson.Options, Token);
        var metrics = await host.Store.TryReadJsonAsync<ModelEvaluation>(challenger.FolderKey + ModelFiles.Metrics, ClickcastJson.Options, Token);

        Assert.NotNull(comparison);
        Assert.Equal(1, comparison.ChampionVersion);
        Assert.Equal(challenger.ChampionAucOnSameTest, comparison.Champion.RocAuc);
        Assert.Equal(metrics!.Test.Count, comparison.Champion.Count);
        Assert.Equal(metrics.Test.Positives, comparison.Champion.Positives);
        Assert.NotNull(comparison.Champion.RocAucInterval);
        Assert.NotEmpty(comparison.Champion.Curves.Roc);
        Assert.NotEmpty(comparison.Champion.Curves.PrecisionRecall);
        Assert.NotEmpty(comparison.Champion.Curves.Gains);
        Assert.NotEmpty(comparison.Champion.Curves.Calibration);
        Assert.NotEmpty(comparison.Champion.Lift);

        // The paired difference is the challenger's test AUC minus the champion's on the same clients.
        Assert.Equal(challenger.TestAuc!.Value - challenger.ChampionAucOnSameTest!.Value, comparison.Difference.Difference, 1e-9);
        Assert.NotNull(comparison.Difference.PValue);
        Assert.InRange(comparison.Difference.Difference, comparison.Difference.Lower!.Value, comparison.Difference.Upper!.Value);

        // A first model has no champion to be compared with.
        Assert.Null(await host.Store.GetInfoAsync(first.FolderKey + ModelFiles.Comparison, Token));
    }
}
