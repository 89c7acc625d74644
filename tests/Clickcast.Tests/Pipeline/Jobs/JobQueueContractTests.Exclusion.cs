using Clickcast.Pipeline.Jobs;

namespace Clickcast.Tests.Pipeline.Jobs;

public abstract partial class JobQueueContractTests
{
    [Fact]
    public async Task ClaimAsync_SequencesOfTheTenantRunning_NextOneWaitsOtherKindsAndTenantsDoNot()
    {
        JobOptions.PerTenantConcurrency = 10;
        var queue = CreateQueue();
        var first = (await queue.EnqueueAsync(Request("acme", JobKind.Sequences, "s1"), cancellationToken: Token)).Job;
        var second = (await queue.EnqueueAsync(Request("acme", JobKind.Sequences, "s2"), cancellationToken: Token)).Job;
        var ingest = (await queue.EnqueueAsync(Request("acme", JobKind.Ingest), cancellationToken: Token)).Job;
        var other = (await queue.EnqueueAsync(Request("globex", JobKind.Sequences), cancellationToken: Token)).Job;

        var claimed = await ClaimAllAsync(queue);

        Assert.Equal([first.Id, ingest.Id, other.Id], claimed.Select(j => j.Id).Order());
        Assert.True(await queue.CompleteAsync(claimed.Single(j => j.Id == first.Id), null, cancellationToken: Token));
        Assert.Equal(second.Id, (await queue.ClaimAsync("w9", TimeSpan.FromMinutes(2), cancellationToken: Token))?.Id);
    }

    [Fact]
    public async Task ClaimAsync_CompactEventsOfTheTenantRunning_ItsIngestAndSequencesWaitTrainAndOtherTenantsDoNot()
    {
        JobOptions.PerTenantConcurrency = 10;
        var queue = CreateQueue();
        var compact = (await queue.EnqueueAsync(Request("acme", JobKind.CompactEvents, "c1"), cancellationToken: Token)).Job;
        var ingest = (await queue.EnqueueAsync(Request("acme", JobKind.Ingest, "i1"), cancellationToken: Token)).Job;
        var sequences = (await queue.EnqueueAsync(Request("acme", JobKind.Sequences, "s1"), cancellationToken: Token)).Job;
        var train = (await queue.EnqueueAsync(new JobRequest("acme", JobKind.Train) { Task = "churn" }, cancellationToken: Token)).Job;
        var other = (await queue.EnqueueAsync(Request("globex", JobKind.Ingest), cancellationToken: Token)).Job;

        var claimed = await ClaimAllAsync(queue);

        Assert.Equal([compact.Id, train.Id, other.Id], claimed.Select(j => j.Id).Order());
        Assert.True(await queue.CompleteAsync(claimed.Single(j => j.Id == compact.Id), null, cancellationToken: Token));
        Assert.Equal([ingest.Id, sequences.Id], (await ClaimAllAsync(queue)).Select(j => j.Id).Order());
    }

    [Fact]
    public async Task ClaimAsync_IngestOfTheTenantRunning_CompactEventsWaits()
    {
        JobOptions.PerTenantConcurrency = 10;
        var queue = CreateQueue();
        var ingest = (await queue.EnqueueAsync(Request("acme", JobKind.Ingest, "i1"), cancellationToken: Token)).Job;
        var compact = (await queue.EnqueueAsync(Request("acme", JobKind.CompactEvents, "c1"), cancellationToken: Token)).Job;

        var claimed = await ClaimAllAsync(queue);

        Assert.Equal([ingest.Id], claimed.Select(j => j.Id));
        Assert.True(await queue.CompleteAsync(claimed[0], null, cancellationToken: Token));
        Assert.Equal(compact.Id, (await queue.ClaimAsync("w9", TimeSpan.FromMinutes(2), cancellationToken: Token))?.Id);
    }

    [Fact]
    public async Task ClaimAsync_TrainOfTheTaskRunning_NextOneWaitsAnotherTasksDoesNot()
    {
        JobOptions.PerTenantConcurrency = 10;
        var queue = CreateQueue();
        var first = (await queue.EnqueueAsync(new JobRequest("acme", JobKind.Train) { Task = "churn", IdempotencyKey = "t1" }, cancellationToken: Token)).Job;
        var second = (await queue.EnqueueAsync(new JobRequest("acme", JobKind.Train) { Task = "churn", IdempotencyKey = "t2" }, cancellationToken: Token)).Job;
        var otherTask = (await queue.EnqueueAsync(new JobRequest("acme", JobKind.Train) { Task = "upsell" }, cancellationToken: Token)).Job;
        var score = (await queue.EnqueueAsync(new JobRequest("acme", JobKind.Score) { Task = "churn" }, cancellationToken: Token)).Job;

        var claimed = await ClaimAllAsync(queue);

        Assert.Equal([first.Id, otherTask.Id, score.Id], claimed.Select(j => j.Id).Order());
        Assert.True(await queue.FailAsync(claimed.Single(j => j.Id == first.Id), "boom", cancellationToken: Token));
        Assert.Equal(second.Id, (await queue.ClaimAsync("w9", TimeSpan.FromMinutes(2), cancellationToken: Token))?.Id);
    }

    [Fact]
    public async Task ClaimAsync_ManyProcessesRacingForSequencesOfOneTenant_ClaimOnlyOne()
    {
        JobOptions.PerTenantConcurrency = 10;
        var setup = CreateQueue();
        for (var i = 0; i < 6; i++)
        {
            await setup.EnqueueAsync(Request("acme", JobKind.Sequences, "s" + i), cancellationToken: Token);
        }

        var queues = new[] { CreateQueue(), CreateQueue(), CreateQueue() };
        var claims = await Task.WhenAll(Enumerable.Range(0, 9).Select(i => Task.Run(() => queues[i % 3].ClaimAsync("w" + i, TimeSpan.FromMinutes(2)))));

        Assert.Single(claims, c => c is not null);
    }

    private static async Task<List<Job>> ClaimAllAsync(JobQueue queue)
    {
        var claimed = new List<Job>();
        while (claimed.Count < 20 && await queue.ClaimAsync("w" + claimed.Count, TimeSpan.FromMinutes(2), cancellationToken: Token) is { } job)
        {
            claimed.Add(job);
        }

        return claimed;
    }
}
