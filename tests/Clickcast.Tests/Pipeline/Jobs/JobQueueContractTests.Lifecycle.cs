using Clickcast.Pipeline.Jobs;

namespace Clickcast.Tests.Pipeline.Jobs;

public abstract partial class JobQueueContractTests
{
    [Fact]
    public async Task CompleteAsync_ClaimedJob_StoresResultAndFinishTime()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request(), cancellationToken: Token);
        var job = (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))!;
        Time.Advance(TimeSpan.FromSeconds(42));

        Assert.True(await queue.CompleteAsync(job, """{"rows":10}""", cancellationToken: Token));

        var done = (await queue.GetAsync(job.Id, cancellationToken: Token))!;
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal("""{"rows":10}""", done.Result);
        Assert.Equal(Start, done.StartedAt);
        Assert.Equal(Start.AddSeconds(42), done.FinishedAt);
        Assert.Null(done.LeaseOwner);
        Assert.False(await queue.CompleteAsync(job, null, cancellationToken: Token));
    }

    [Fact]
    public async Task FailAsync_AttemptsLeft_QueuesAgainAfterTheInterval()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request(), cancellationToken: Token);
        var job = (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))!;

        Assert.True(await queue.FailAsync(job, "source not reachable", cancellationToken: Token));

        var failed = (await queue.GetAsync(job.Id, cancellationToken: Token))!;
        Assert.Equal((JobStatus.Queued, 1, "source not reachable"), (failed.Status, failed.Attempts, failed.LastError));
        Assert.Equal(Start.AddSeconds(20), failed.NextRunAt);
        Assert.Null(failed.LeaseOwner);
        Assert.Null(await queue.ClaimAsync("w1", Lease, cancellationToken: Token));

        Time.Advance(TimeSpan.FromSeconds(20));
        var retried = await queue.ClaimAsync("w2", Lease, cancellationToken: Token);
        Assert.Equal((job.Id, 2), (retried?.Id, retried?.Attempts));
    }

    [Fact]
    public async Task FailAsync_LastAttempt_DeadLettersKeepingTheError()
    {
        var queue = CreateQueue();
        var id = (await queue.EnqueueAsync(Request() with { Retry = RetryPolicy.Fixed(3, TimeSpan.FromSeconds(20)) }, cancellationToken: Token)).Job.Id;

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var job = await queue.ClaimAsync("w1", Lease, cancellationToken: Token);
            Assert.Equal((id, attempt), (job?.Id, job?.Attempts));
            Assert.True(await queue.FailAsync(job!, "boom " + attempt, cancellationToken: Token));
            Time.Advance(TimeSpan.FromSeconds(20));
        }

        var dead = (await queue.GetAsync(id, cancellationToken: Token))!;
        Assert.Equal((JobStatus.DeadLettered, 3, "boom 3"), (dead.Status, dead.Attempts, dead.LastError));
        Assert.Equal(Start.AddSeconds(40), dead.FinishedAt);
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await queue.ClaimAsync("w1", Lease, cancellationToken: Token));
    }

    [Fact]
    public async Task FailAsync_DefaultPolicy_DeadLettersAfterFiveAttempts20SecondsApart()
    {
        var queue = CreateQueue();
        var id = (await queue.EnqueueAsync(Request(), cancellationToken: Token)).Job.Id;
        var claimedAt = new List<DateTimeOffset>();
        while (await queue.ClaimAsync("w1", Lease, cancellationToken: Token) is { } job)
        {
            claimedAt.Add(Time.GetUtcNow());
            await queue.FailAsync(job, "boom", cancellationToken: Token);
            Time.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => Start.AddSeconds(20 * i)), claimedAt);
        Assert.Equal(JobStatus.DeadLettered, (await queue.GetAsync(id, cancellationToken: Token))!.Status);
    }

    [Fact]
    public async Task FailAsync_ExponentialBackoff_WaitsGrowByTheFactorUpToTheMaximum()
    {
        var queue = CreateQueue();
        var policy = RetryPolicy.Exponential(6, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromSeconds(50));
        var id = (await queue.EnqueueAsync(Request() with { Retry = policy }, cancellationToken: Token)).Job.Id;

        var waits = new List<TimeSpan>();
        while (await queue.ClaimAsync("w1", Lease, cancellationToken: Token) is { } job)
        {
            await queue.FailAsync(job, "boom", cancellationToken: Token);
            var after = (await queue.GetAsync(id, cancellationToken: Token))!;
            if (after.Status == JobStatus.Queued)
            {
                waits.Add(after.NextRunAt - Time.GetUtcNow());
                Time.Advance(after.NextRunAt - Time.GetUtcNow());
            }
        }

        Assert.Equal([10, 20, 40, 50, 50], waits.Select(w => w.TotalSeconds));
        Assert.Equal(JobStatus.DeadLettered, (await queue.GetAsync(id, cancellationToken: Token))!.Status);
    }

    [Fact]
    public async Task DeadLetterAsync_PermanentFailure_SkipsTheRemainingAttempts()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request(), cancellationToken: Token);
        var job = (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))!;

        Assert.True(await queue.DeadLetterAsync(job, "not a clickstream file", cancellationToken: Token));

        var dead = (await queue.GetAsync(job.Id, cancellationToken: Token))!;
        Assert.Equal((JobStatus.DeadLettered, 1, "not a clickstream file"), (dead.Status, dead.Attempts, dead.LastError));
    }

    [Fact]
    public async Task RecoverExpiredLeasesAsync_CrashedWorker_JobGoesToAnotherWorker()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request(), cancellationToken: Token);
        var crashed = (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))!;

        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await queue.RecoverExpiredLeasesAsync(cancellationToken: Token));
        Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CreateQueue().RecoverExpiredLeasesAsync(cancellationToken: Token));

        var recovered = (await queue.GetAsync(crashed.Id, cancellationToken: Token))!;
        Assert.Equal((JobStatus.Queued, 1), (recovered.Status, recovered.Attempts));
        Assert.Contains("w1", recovered.LastError, StringComparison.Ordinal);
        Assert.Null(recovered.LeaseOwner);

        var other = CreateQueue();
        var retried = (await other.ClaimAsync("w2", Lease, cancellationToken: Token))!;
        Assert.Equal((crashed.Id, 2), (retried.Id, retried.Attempts));
        Assert.True(await other.CompleteAsync(retried, null, cancellationToken: Token));

        // The crashed worker comes back: its attempt is over.
        Assert.False(await queue.HeartbeatAsync(crashed, Lease, cancellationToken: Token));
        Assert.False(await queue.CompleteAsync(crashed, null, cancellationToken: Token));
        Assert.Equal(JobStatus.Succeeded, (await queue.GetAsync(crashed.Id, cancellationToken: Token))!.Status);
    }

    [Fact]
    public async Task RecoverExpiredLeasesAsync_LastAttempt_DeadLetters()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request() with { Retry = RetryPolicy.Fixed(1, TimeSpan.FromSeconds(20)) }, cancellationToken: Token);
        var job = (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))!;
        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await queue.RecoverExpiredLeasesAsync(cancellationToken: Token));

        var dead = (await queue.GetAsync(job.Id, cancellationToken: Token))!;
        Assert.Equal(JobStatus.DeadLettered, dead.Status);
        Assert.NotNull(dead.FinishedAt);
        Assert.Contains("expired", dead.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeartbeatAsync_BeforeTheLeaseEnds_KeepsTheJob()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request(), cancellationToken: Token);
        var job = (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))!;

        for (var i = 0; i < 4; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(90));
            Assert.True(await queue.HeartbeatAsync(job, Lease, cancellationToken: Token));
            Assert.Equal(0, await queue.RecoverExpiredLeasesAsync(cancellationToken: Token));
        }

        var running = (await queue.GetAsync(job.Id, cancellationToken: Token))!;
        Assert.Equal(JobStatus.Running, running.Status);
        Assert.Equal(Time.GetUtcNow() + Lease, running.LeaseExpiresAt);
        Assert.True(await queue.CompleteAsync(job, null, cancellationToken: Token));
    }

    [Fact]
    public async Task CancelAsync_QueuedJob_IsNeverClaimed()
    {
        var queue = CreateQueue();
        var id = (await queue.EnqueueAsync(Request(), cancellationToken: Token)).Job.Id;

        Assert.True(await queue.CancelAsync(id, "not needed", cancellationToken: Token));

        Assert.Null(await queue.ClaimAsync("w1", Lease, cancellationToken: Token));
        var cancelled = (await queue.GetAsync(id, cancellationToken: Token))!;
        Assert.Equal((JobStatus.Cancelled, "not needed"), (cancelled.Status, cancelled.LastError));
        Assert.Equal(Start, cancelled.FinishedAt);
        Assert.False(await queue.CancelAsync(id, cancellationToken: Token));
        Assert.False(await queue.CancelAsync(999_999, cancellationToken: Token));
    }

    [Fact]
    public async Task CancelAsync_RunningJob_ItsWorkerLosesTheLease()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request(), cancellationToken: Token);
        var job = (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))!;

        Assert.True(await queue.CancelAsync(job.Id, cancellationToken: Token));

        Assert.False(await queue.HeartbeatAsync(job, Lease, cancellationToken: Token));
        Assert.False(await queue.CompleteAsync(job, null, cancellationToken: Token));
        Assert.Equal(JobStatus.Cancelled, (await queue.GetAsync(job.Id, cancellationToken: Token))!.Status);
    }

    [Fact]
    public async Task RetryAsync_DeadLetteredJob_RunsAgainWithAllItsAttempts()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request() with { Retry = RetryPolicy.Fixed(1, TimeSpan.FromSeconds(20)) }, cancellationToken: Token);
        var job = (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))!;
        await queue.FailAsync(job, "boom", cancellationToken: Token);
        Assert.Equal(JobStatus.DeadLettered, (await queue.GetAsync(job.Id, cancellationToken: Token))!.Status);
        Time.Advance(TimeSpan.FromHours(1));

        Assert.True(await queue.RetryAsync(job.Id, cancellationToken: Token));

        var queued = (await queue.GetAsync(job.Id, cancellationToken: Token))!;
        Assert.Equal((JobStatus.Queued, 0, "boom"), (queued.Status, queued.Attempts, queued.LastError));
        Assert.Null(queued.FinishedAt);
        var again = await queue.ClaimAsync("w1", Lease, cancellationToken: Token);
        Assert.Equal((job.Id, 1), (again?.Id, again?.Attempts));
        Assert.False(await queue.RetryAsync(job.Id, cancellationToken: Token));
    }

    [Fact]
    public async Task ReleaseAsync_StoppingWorker_GivesTheJobBackWithoutUsingAnAttempt()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request(), cancellationToken: Token);
        var job = (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))!;

        Assert.True(await queue.ReleaseAsync(job, cancellationToken: Token));

        var released = (await queue.GetAsync(job.Id, cancellationToken: Token))!;
        Assert.Equal((JobStatus.Queued, 0), (released.Status, released.Attempts));
        Assert.Equal(1, (await queue.ClaimAsync("w2", Lease, cancellationToken: Token))?.Attempts);
        Assert.False(await queue.ReleaseAsync(job, cancellationToken: Token));
    }
}
