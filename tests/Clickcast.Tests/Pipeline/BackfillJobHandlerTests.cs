using System.Text.Json;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Pipeline;

public sealed class BackfillJobHandlerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(BackfillPolicy.SkipCompleted, 0, 19)]
    [InlineData(BackfillPolicy.RedoFailed, 0, 19)]
    [InlineData(BackfillPolicy.RedoAll, 19, 0)]
    public async Task Run_AfterACompletePipeline_FollowsThePolicyAndContinuesTheChain(BackfillPolicy policy, int enqueued, int skipped)
    {
        await using var host = new PipelineHost();
        await host.Get<TenantCatalog>().SaveAsync(PipelineHost.Definition(), Token);
        await host.DropAllButLastDayAsync(clients: 1_500);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        var queue = host.Get<JobQueue>();
        var payload = JsonSerializer.Serialize(new BackfillPayload(DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1), policy), ClickcastJson.Options);
        var backfill = (await queue.EnqueueAsync(new JobRequest(PipelineHost.Tenant, JobKind.Backfill) { Payload = payload }, Token)).Job;

        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var done = (await queue.GetAsync(backfill.Id, Token))!;
        Assert.Equal(JobStatus.Succeeded, done.Status);
        var report = JsonSerializer.Deserialize<BackfillReport>(done.Result!, ClickcastJson.Options)!;
        Assert.Equal((19, enqueued, 0, skipped), (report.Files, report.Enqueued, report.Retried, report.Skipped));
        var children = await queue.ListAsync(new JobQuery { ParentId = backfill.Id, Limit = 100 }, Token);
        Assert.All(children, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        Assert.Equal(enqueued, children.Count(j => j.Kind == JobKind.Ingest));
        var sequences = Assert.Single(children, j => j.Kind == JobKind.Sequences);
        Assert.Equal(report.SequencesJobId, sequences.Id);

        // The chain goes on from the backfill's own sequences job; redoing everything retrains regardless of the policy.
        var trains = await queue.ListAsync(new JobQuery { ParentId = sequences.Id, Kind = JobKind.Train, Limit = 10 }, Token);
        var train = Assert.Single(trains);
        Assert.Equal(policy == BackfillPolicy.RedoAll ? TrainTrigger.Manual : TrainTrigger.NewData, JsonSerializer.Deserialize<TrainPayload>(train.Payload, ClickcastJson.Options)!.Trigger);
    }
}
