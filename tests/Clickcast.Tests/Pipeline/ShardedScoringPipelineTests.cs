using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Clickcast.Tests.Pipeline;

public sealed class ShardedScoringPipelineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A tenant with four shards after its first pipeline run (ingest, sequences, training, a sharded score).</summary>
    private static async Task<PipelineHost> ScoredWithFourShardsAsync()
    {
        var host = new PipelineHost();
        var definition = PipelineHost.Definition();
        definition.Shards = 4;
        await host.Get<TenantCatalog>().SaveAsync(definition, Token);
        await host.DropAllButLastDayAsync(clients: 1_500);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        return host;
    }

    [Fact]
    public async Task Score_WhileAnotherShardedRunIsUncommitted_EndsWithoutScoring_AndLeavesItsWaitingMarker()
    {
        await using var host = await ScoredWithFourShardsAsync();
        var queue = host.Get<JobQueue>();
        var before = await queue.ListAsync(new JobQuery { Tenant = PipelineHost.Tenant, Limit = 500 }, Token);
        Assert.Equal(4, before.Count(j => j.Kind == JobKind.ScoreShard)); // the first run, sharded

        // A run that planned but has not committed: its plan is in its fan-in folder.
        const string other = "job-99999999";
        await host.Store.PutJsonAsync(ScoreJobHandler.PlanKey(PipelineHost.Tenant, "checkout", other), new { runId = other }, ClickcastJson.Options, Token);
        await queue.EnqueueAsync(new JobRequest(PipelineHost.Tenant, JobKind.Score) { Task = "checkout", Payload = "{\"reason\":\"manual\"}" }, Token);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var after = await queue.ListAsync(new JobQuery { Tenant = PipelineHost.Tenant, Limit = 500 }, Token);
        var waiting = after.Where(j => j.Kind == JobKind.Score).OrderBy(j => j.Id).Last();
        Assert.Equal(JobStatus.Succeeded, waiting.Status);
        Assert.Equal(nameof(RunOutcome.NothingToDo), waiting.Outcome?.ToString());
        Assert.Contains(other, waiting.OutcomeReason, StringComparison.Ordinal);
        Assert.Equal(4, after.Count(j => j.Kind == JobKind.ScoreShard)); // no second run's shards
        Assert.NotNull(await host.Store.GetInfoAsync(ScoreJobHandler.WaitingKey(PipelineHost.Tenant, "checkout", other), Token));
    }

    [Fact]
    public async Task Score_TwoAsked_SecondWaitsForTheFirstsCommit_WhichQueuesOneMoreRun_AndNothingIsScoredTwice()
    {
        await using var host = await ScoredWithFourShardsAsync();
        var queue = host.Get<JobQueue>();
        await host.Store.DeleteAsync(Clickcast.Scoring.Scorer.StateKey(PipelineHost.Tenant, "checkout"), Token); // so run A has everyone to score

        // Only Score jobs run: run A plans and queues its shards, which wait; then run B is asked for.
        var scoreOnly = new JobWorker(queue, host.Get<IEnumerable<IJobHandler>>().Where(h => h.Kind == JobKind.Score), host.Get<IOptions<JobOptions>>(), TimeProvider.System, NullLogger<JobWorker>.Instance);
        await queue.EnqueueAsync(new JobRequest(PipelineHost.Tenant, JobKind.Score) { Task = "checkout", Payload = "{\"reason\":\"a\"}" }, Token);
        await scoreOnly.RunUntilIdleAsync(Token);
        await queue.EnqueueAsync(new JobRequest(PipelineHost.Tenant, JobKind.Score) { Task = "checkout", Payload = "{\"reason\":\"b\"}" }, Token);
        await scoreOnly.RunUntilIdleAsync(Token);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var jobs = await queue.ListAsync(new JobQuery { Tenant = PipelineHost.Tenant, Limit = 1_000 }, Token);
        Assert.All(jobs, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        var scores = jobs.Where(j => j.Kind == JobKind.Score).OrderBy(j => j.Id).ToList();
        var waited = Assert.Single(scores, j => j.OutcomeReason?.Contains("not committed yet", StringComparison.Ordinal) == true);
        var next = Assert.Single(scores, j => j.Payload.Contains("was being scored", StringComparison.Ordinal));
        Assert.True(next.Id > waited.Id);
        var commits = jobs.Where(j => j.Kind == JobKind.ScoreCommit).ToList();
        Assert.Contains(commits, c => c.Id == next.ParentId);
        var shardsPerRun = jobs.Where(j => j.Kind == JobKind.ScoreShard).GroupBy(j => j.ParentId).Select(g => g.Count()).ToList();
        Assert.All(shardsPerRun, count => Assert.Equal(4, count)); // every run scored each shard once
        await foreach (var item in host.Store.ListAsync(TenantLayout.Root(PipelineHost.Tenant) + "_shards/", cancellationToken: Token))
        {
            Assert.Fail($"fan-in record left behind: {item.Key}");
        }
    }
}
