using System.Text;
using System.Text.Json;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Pipeline;

/// <summary>Every status a user sees is true: a run that ended normally says what it achieved, and why.</summary>
public sealed class RunOutcomeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunOnce_QuarantinedFile_IngestRunEndsQuarantinedWithTheReason()
    {
        await using var host = new PipelineHost();
        await host.Get<TenantCatalog>().SaveAsync(PipelineHost.Definition(), Token);
        await host.Store.PutBytesAsync(TenantLayout.Raw(PipelineHost.Tenant) + "wrong.csv", Encoding.UTF8.GetBytes("who,when,where\na,b,c\n"), Token);

        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var ingest = Assert.Single(await host.Get<JobQueue>().ListAsync(new JobQuery { Kind = JobKind.Ingest }, Token));
        Assert.Equal(JobStatus.Succeeded, ingest.Status);
        Assert.Equal(RunOutcome.Quarantined, ingest.Outcome);
        Assert.Contains("Fields in this source: who, when, where", ingest.OutcomeReason, StringComparison.Ordinal);
        var summary = Assert.Single(await host.Get<TaskSummaries>().ListAsync(PipelineHost.Definition(), Token));
        Assert.Equal(TaskFreshness.Quarantined, summary.Freshness);
    }

    [Fact]
    public async Task RunOnce_TargetMatchingNoToken_TrainRunNeedsDataAndNamesTheNearestTokens()
    {
        await using var host = new PipelineHost();
        var definition = PipelineHost.Definition();
        definition.Tasks[0].Target.UrlPattern = "shop.example.com/chekout";
        await host.Get<TenantCatalog>().SaveAsync(definition, Token);
        await host.DropAllButLastDayAsync(clients: 600);

        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var queue = host.Get<JobQueue>();
        var train = Assert.Single(await queue.ListAsync(new JobQuery { Kind = JobKind.Train }, Token));
        Assert.Equal(JobStatus.Succeeded, train.Status);
        Assert.Equal(RunOutcome.NeedsData, train.Outcome);
        Assert.Contains("matches none of the", train.OutcomeReason, StringComparison.Ordinal);
        Assert.Contains("shop.example.com/checkout (", train.OutcomeReason, StringComparison.Ordinal);
        Assert.All(await queue.ListAsync(new JobQuery { Kind = JobKind.Ingest }, Token), j => Assert.Equal(RunOutcome.Succeeded, j.Outcome));
        var summary = Assert.Single(await host.Get<TaskSummaries>().ListAsync(definition, Token));
        Assert.Equal(TaskFreshness.NeedsData, summary.Freshness);
        Assert.Contains("matches none", summary.FreshnessReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_RedoAll_ProcessesEveryFileAgain()
    {
        await using var host = new PipelineHost();
        await host.Get<TenantCatalog>().SaveAsync(PipelineHost.Definition(), Token);
        await host.DropAllButLastDayAsync(clients: 300);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        var queue = host.Get<JobQueue>();
        var payload = JsonSerializer.Serialize(new BackfillPayload(DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1), BackfillPolicy.RedoAll), ClickcastJson.Options);
        var backfill = (await queue.EnqueueAsync(new JobRequest(PipelineHost.Tenant, JobKind.Backfill) { Payload = payload }, Token)).Job;

        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var redone = (await queue.ListAsync(new JobQuery { ParentId = backfill.Id, Kind = JobKind.Ingest, Limit = 100 }, Token)).ToList();
        Assert.NotEmpty(redone);
        Assert.All(redone, j => Assert.Equal(RunOutcome.Succeeded, j.Outcome));
        Assert.All(redone, j => Assert.Equal("Ingested", JsonDocument.Parse(j.Result!).RootElement.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task QuarantineRetry_AfterTheMappingIsFixed_IngestsTheFile()
    {
        await using var host = new PipelineHost();
        var definition = PipelineHost.Definition();
        definition.Ingest.Mapping.Url = "page";
        await host.Get<TenantCatalog>().SaveAsync(definition, Token);
        await host.Store.PutBytesAsync(TenantLayout.Raw(PipelineHost.Tenant) + "a.csv", Encoding.UTF8.GetBytes("client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://shop.example.com/cart\n"), Token);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        var retry = host.Get<QuarantineRetry>();
        definition.Ingest.Mapping.Url = null;
        await host.Get<TenantCatalog>().SaveAsync(definition, Token);

        var jobs = await retry.EnqueueAsync(PipelineHost.Tenant, Token);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var job = (await host.Get<JobQueue>().GetAsync(Assert.Single(jobs).Id, Token))!;
        Assert.Equal(RunOutcome.Succeeded, job.Outcome);
        Assert.Empty(await retry.EnqueueAsync(PipelineHost.Tenant, Token));
    }
}
