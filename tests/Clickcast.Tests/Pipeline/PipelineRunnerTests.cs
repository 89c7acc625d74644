using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.Tests.Pipeline;

public sealed class PipelineRunnerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<Job>> JobsAsync(PipelineHost host, JobKind? kind = null) =>
        await host.Get<JobQueue>().ListAsync(new JobQuery { Tenant = PipelineHost.Tenant, Kind = kind, Limit = 1000 }, Token);

    [Fact]
    public async Task RunOnce_NewFiles_IngestSequencesTrainScoreExportAndThenIncrementally()
    {
        await using var host = new PipelineHost();
        await host.Get<TenantCatalog>().SaveAsync(PipelineHost.Definition(), Token);
        await host.DropAllButLastDayAsync();

        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var jobs = await JobsAsync(host);
        Assert.All(jobs, j => Assert.True(j.Status == JobStatus.Succeeded, $"{j.Kind} job {j.Id}: {j.Status} {j.LastError}"));
        Assert.Equal(19, jobs.Count(j => j.Kind == JobKind.Ingest));
        Assert.Single(jobs, j => j.Kind == JobKind.Train);
        var registry = host.Get<ModelRegistry>();
        var champion = await registry.GetChampionAsync(PipelineHost.Tenant, "checkout", Token);
        Assert.NotNull(champion);
        Assert.Equal(1, champion.Version);
        var state = await host.Get<Scorer>().GetStateAsync(PipelineHost.Tenant, "checkout", Token);
        var firstRun = Assert.Single(state!.Runs);
        Assert.True(firstRun.Full);
        var exported = new List<string>();
        await foreach (var item in host.Store.ListAsync(TenantLayout.Exports(PipelineHost.Tenant, "checkout"), cancellationToken: Token))
        {
            exported.Add(item.Key);
        }

        Assert.Contains(exported, k => k.EndsWith(".csv", StringComparison.Ordinal));

        // A new day: ingest it, update sequences incrementally, retrain a challenger, score fresh clients only.
        await host.DropLastDayAsync();
        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        jobs = await JobsAsync(host);
        Assert.All(jobs, j => Assert.True(j.Status == JobStatus.Succeeded, $"{j.Kind} job {j.Id}: {j.Status} {j.LastError}"));
        Assert.Equal(20, jobs.Count(j => j.Kind == JobKind.Ingest));
        Assert.Equal(2, jobs.Count(j => j.Kind == JobKind.Train));
        var versions = await registry.ListAsync(PipelineHost.Tenant, "checkout", Token);
        Assert.Equal(2, versions.Count);
        var challenger = versions.Single(v => v.Version == 2);
        Assert.NotNull(challenger.ChampionAucOnSameTest);
        Assert.NotNull(challenger.Decision);
        Assert.Contains(challenger.Status, new[] { ModelStatus.Champion, ModelStatus.Rejected });
        state = await host.Get<Scorer>().GetStateAsync(PipelineHost.Tenant, "checkout", Token);
        Assert.Equal(2, state!.Runs.Count);
        var history = await registry.HistoryAsync(PipelineHost.Tenant, "checkout", Token);
        Assert.Contains(history, h => h.Action == ModelHistoryAction.Promoted && h.Version == 1);
    }

    [Fact]
    public async Task RunOnce_NothingNew_RunsNothing()
    {
        await using var host = new PipelineHost();
        await host.Get<TenantCatalog>().SaveAsync(PipelineHost.Definition(), Token);
        await host.DropAllButLastDayAsync(clients: 1_500);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        var before = (await JobsAsync(host)).Count;

        var ran = await host.Get<PipelineRunner>().RunOnceAsync(Token);

        Assert.Equal(0, ran);
        Assert.Equal(before, (await JobsAsync(host)).Count);
    }

    [Fact]
    public async Task RunOnce_UndefinedTenantFiles_AreNotSensed()
    {
        await using var host = new PipelineHost();
        await host.Store.PutBytesAsync(TenantLayout.Raw("ghost") + "a.csv", "client_id,ts,url\nc,2026-01-01T00:00:00Z,https://a.com/\n"u8.ToArray(), Token);

        var ran = await host.Get<PipelineRunner>().RunOnceAsync(Token);

        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task RunOnce_PoisonedInput_IsDeadLetteredWhileTheRestOfTheTenantAndOtherTenantsProceed()
    {
        await using var host = new PipelineHost();
        var catalog = host.Get<TenantCatalog>();
        await catalog.SaveAsync(PipelineHost.Definition(), Token);
        var other = PipelineHost.Definition();
        other.Id = "other";
        await catalog.SaveAsync(other, Token);
        await host.DropAllButLastDayAsync();
        await foreach (var item in host.Store.ListAsync(TenantLayout.Raw(PipelineHost.Tenant), cancellationToken: Token))
        {
            await using var source = await host.Store.OpenReadAsync(item.Key, Token);
            await host.Store.PutAsync(item.Key.Replace("/shop/", "/other/", StringComparison.Ordinal), source, Token);
        }

        // The sensor enqueues an ingest job for a file that is gone before the job runs: it can never succeed.
        await host.Store.PutBytesAsync(TenantLayout.Raw(PipelineHost.Tenant) + "vanishing.csv", "client_id,ts,url\n"u8.ToArray(), Token);
        var runner = host.Get<PipelineRunner>();
        await runner.SenseAsync(Token);
        await host.Store.DeleteAsync(TenantLayout.Raw(PipelineHost.Tenant) + "vanishing.csv", Token);

        await runner.RunOnceAsync(Token);

        var jobs = await host.Get<JobQueue>().ListAsync(new JobQuery { Limit = 1000 }, Token);
        var poisoned = Assert.Single(jobs, j => j.Status == JobStatus.DeadLettered);
        Assert.Equal(PipelineHost.Tenant, poisoned.Tenant);
        Assert.Contains("vanishing.csv", poisoned.LastError, StringComparison.Ordinal);
        Assert.All(jobs.Where(j => j.Id != poisoned.Id), j => Assert.Equal(JobStatus.Succeeded, j.Status));
        foreach (var tenant in new[] { PipelineHost.Tenant, "other" })
        {
            Assert.NotNull(await host.Get<ModelRegistry>().GetChampionAsync(tenant, "checkout", Token));
            Assert.Contains(jobs, j => j.Tenant == tenant && j.Kind == JobKind.Export && j.Status == JobStatus.Succeeded);
        }
    }
}
