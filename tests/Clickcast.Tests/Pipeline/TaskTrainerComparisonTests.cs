using Clickcast.Pipeline;
using Clickcast.Registry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Clickcast.Training;
using Clickcast.Training.Baselines;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Retrain_ScoresTheChallengerOnTheTestClientsOnce()
    {
        var calls = new List<int>();
        await using var host = new PipelineHost(services =>
        {
            services.Remove(services.Single(d => d.ServiceType == typeof(IModelFamily) && d.ImplementationType == typeof(LogisticRegressionFamily)));
            services.AddSingleton<IModelFamily>(new CountingFamily(new LogisticRegressionFamily(), calls));
        });
        await host.Get<TenantCatalog>().SaveAsync(PipelineHost.Definition(), Token);
        await host.DropAllButLastDayAsync();
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        await host.DropLastDayAsync();
        lock (calls)
        {
            calls.Clear();
        }

        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var challenger = (await host.Get<ModelRegistry>().ListAsync(PipelineHost.Tenant, "checkout", Token)).Single(v => v.Version == 2);
        var metrics = (await host.Store.TryReadJsonAsync<ModelEvaluation>(challenger.FolderKey + ModelFiles.Metrics, ClickcastJson.Options, Token))!;
        Assert.NotEqual(metrics.Validation.Count, metrics.Test.Count); // else the count below also sees the validation scoring
        // Scoring calls over exactly the test clients during the retrain: the challenger once (its metrics, reused for
        // the comparison) and the champion once (the comparison). Scoring all clients afterwards has another size.
        Assert.Equal(2, calls.Count(n => n == metrics.Test.Count));
    }

    /// <summary>A family whose models (trained or loaded) record the size of every scoring call.</summary>
    private sealed class CountingFamily(IModelFamily inner, List<int> calls) : IModelFamily
    {
        public ModelFamilyKind Kind => inner.Kind;

        public ITrainedModel Train(ModelTrainingRequest request, CancellationToken cancellationToken) => new Counting(inner.Train(request, cancellationToken), calls);

        public ITrainedModel Load(string folder, Vocabulary vocabulary, ModelSettings settings) => new Counting(inner.Load(folder, vocabulary, settings), calls);
    }

    private sealed class Counting(ITrainedModel inner, List<int> calls) : ITrainedModel
    {
        public ModelFamilyKind Kind => inner.Kind;

        public void Score(IReadOnlyList<ModelInput> inputs, Span<double> probabilities)
        {
            lock (calls)
            {
                calls.Add(inputs.Count);
            }

            inner.Score(inputs, probabilities);
        }

        public void Save(string folder) => inner.Save(folder);

        public IReadOnlyDictionary<string, string> Describe() => inner.Describe();

        public void Dispose() => inner.Dispose();
    }
}
