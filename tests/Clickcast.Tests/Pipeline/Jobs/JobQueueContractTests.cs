using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Pipeline.Jobs;

/// <summary>
/// What every metadata database must do for the job queue; run against SQLite and PostgreSQL. Each test gets an
/// empty database; <see cref="OpenDatabase"/> opens another independent handle on it, as another process would.
/// </summary>
public abstract partial class JobQueueContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<MetadataDatabase> _opened = [];

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected JobOptions JobOptions { get; } = new();

    /// <summary>Creates this test's empty database.</summary>
    public abstract ValueTask InitializeAsync();

    /// <summary>A new handle (own connection pool) on this test's database.</summary>
    protected abstract MetadataDatabase OpenDatabaseCore();

    protected abstract ValueTask DisposeDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected MetadataDatabase OpenDatabase()
    {
        var database = OpenDatabaseCore();
        _opened.Add(database);
        return database;
    }

    protected JobQueue CreateQueue(MetadataDatabase? database = null) =>
        new(database ?? OpenDatabase(), Microsoft.Extensions.Options.Options.Create(JobOptions), Time, NullLogger<JobQueue>.Instance);

    protected static JobRequest Request(string tenant = "acme", JobKind kind = JobKind.Ingest, string? key = null) =>
        new(tenant, kind) { IdempotencyKey = key };

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task EnqueueAsync_NewRequest_StoresInputsLineageAndDefaults()
    {
        var queue = CreateQueue();
        var parent = (await queue.EnqueueAsync(Request(kind: JobKind.Sequences), cancellationToken: Token)).Job;

        var result = await queue.EnqueueAsync(new JobRequest("acme", JobKind.Train)
        {
            Task = "churn",
            Payload = """{"window":"P30D"}""",
            ParentId = parent.Id,
            IdempotencyKey = "train-1",
        }, cancellationToken: Token);

        Assert.True(result.Created);
        var job = await queue.GetAsync(result.Job.Id, cancellationToken: Token);
        Assert.NotNull(job);
        Assert.Equal(result.Job, job);
        Assert.Equal(("acme", "churn", JobKind.Train, JobStatus.Queued), (job.Tenant, job.Task, job.Kind, job.Status));
        Assert.Equal("""{"window":"P30D"}""", job.Payload);
        Assert.Equal(parent.Id, job.ParentId);
        Assert.Equal(0, job.Attempts);
        Assert.Equal(RetryPolicy.Fixed(5, TimeSpan.FromSeconds(20)), job.Retry);
        Assert.Equal(Start, job.CreatedAt);
        Assert.Equal(Start, job.NextRunAt);
        Assert.Null(job.StartedAt);
        Assert.Null(job.FinishedAt);
        Assert.Null(job.Result);
        Assert.Null(job.LastError);
    }

    [Fact]
    public async Task EnqueueAsync_SameIdempotencyKey_ReturnsTheExistingJob()
    {
        var queue = CreateQueue();
        var first = await queue.EnqueueAsync(Request(key: "acme|raw/a.csv|e1"), cancellationToken: Token);
        Time.Advance(TimeSpan.FromMinutes(1));

        var second = await queue.EnqueueAsync(Request(key: "acme|raw/a.csv|e1") with { Payload = """{"other":true}""" }, cancellationToken: Token);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Job, second.Job);
        Assert.Single(await queue.ListAsync(new JobQuery(), cancellationToken: Token));
    }

    [Fact]
    public async Task EnqueueAsync_SameKeyForAnotherTenant_CreatesAnotherJob()
    {
        var queue = CreateQueue();
        var acme = await queue.EnqueueAsync(Request("acme", key: "daily"), cancellationToken: Token);
        var globex = await queue.EnqueueAsync(Request("globex", key: "daily"), cancellationToken: Token);

        Assert.True(globex.Created);
        Assert.NotEqual(acme.Job.Id, globex.Job.Id);
    }

    [Fact]
    public async Task EnqueueAsync_WithoutKey_AlwaysCreatesAJob()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request(), cancellationToken: Token);
        await queue.EnqueueAsync(Request(), cancellationToken: Token);

        Assert.Equal(2, (await queue.ListAsync(new JobQuery(), cancellationToken: Token)).Count);
    }

    [Fact]
    public async Task EnqueueAsync_ManyProcessesSameKey_CreateExactlyOneJob()
    {
        var queues = new[] { CreateQueue(), CreateQueue() };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => queues[i % 2].EnqueueAsync(Request(key: "once")))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Job.Id).Distinct());
    }

    [Fact]
    public async Task EnqueueAsync_PayloadNotJson_Throws()
    {
        var queue = CreateQueue();
        await Assert.ThrowsAsync<ArgumentException>(() => queue.EnqueueAsync(Request() with { Payload = "{not json" }, cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.EnqueueAsync(Request("Not A Tenant"), cancellationToken: Token));
    }

    [Fact]
    public async Task ClaimAsync_DueJob_RunsItUnderALeaseAndCountsTheAttempt()
    {
        var queue = CreateQueue();
        var enqueued = (await queue.EnqueueAsync(Request(), cancellationToken: Token)).Job;

        var job = await queue.ClaimAsync("w1", Lease, cancellationToken: Token);

        Assert.NotNull(job);
        Assert.Equal(enqueued.Id, job.Id);
        Assert.Equal((JobStatus.Running, 1, "w1"), (job.Status, job.Attempts, job.LeaseOwner));
        Assert.Equal(Start, job.StartedAt);
        Assert.Equal(Start + Lease, job.LeaseExpiresAt);
        Assert.Null(await queue.ClaimAsync("w2", Lease, cancellationToken: Token));
    }

    [Fact]
    public async Task ClaimAsync_NotBeforeInTheFuture_WaitsUntilDue()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request() with { NotBefore = Start.AddMinutes(5) }, cancellationToken: Token);

        Assert.Null(await queue.ClaimAsync("w1", Lease, cancellationToken: Token));
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.NotNull(await queue.ClaimAsync("w1", Lease, cancellationToken: Token));
    }

    [Fact]
    public async Task ClaimAsync_OnlyListedKinds_AreClaimed()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request(kind: JobKind.Train), cancellationToken: Token);

        Assert.Null(await queue.ClaimAsync("w1", Lease, [JobKind.Ingest, JobKind.Score], cancellationToken: Token));
        Assert.Null(await queue.ClaimAsync("w1", Lease, [], cancellationToken: Token));
        Assert.Equal(JobKind.Train, (await queue.ClaimAsync("w1", Lease, [JobKind.Train], cancellationToken: Token))?.Kind);
    }

    [Fact]
    public async Task ClaimAsync_TwoProcessesRacing_RunEveryJobExactlyOnce()
    {
        JobOptions.PerTenantConcurrency = 1000;
        var setup = CreateQueue();
        var ids = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add((await setup.EnqueueAsync(Request(i % 3 == 0 ? "acme" : "globex", key: "job-" + i), cancellationToken: Token)).Job.Id);
        }

        var runs = new System.Collections.Concurrent.ConcurrentDictionary<long, int>();
        async Task WorkAsync(JobQueue queue, string worker)
        {
            while (await queue.ClaimAsync(worker, Lease) is { } job)
            {
                runs.AddOrUpdate(job.Id, 1, (_, n) => n + 1);
                Assert.True(await queue.CompleteAsync(job, null));
            }
        }

        var first = CreateQueue();
        var second = CreateQueue();
        await Task.WhenAll(Task.Run(() => WorkAsync(first, "w1"), cancellationToken: Token), Task.Run(() => WorkAsync(second, "w2"), cancellationToken: Token));

        Assert.Equal(ids.Order(), runs.Keys.Order());
        Assert.All(runs.Values, n => Assert.Equal(1, n));
        var done = await setup.ListAsync(new JobQuery { Status = JobStatus.Succeeded, Limit = 1000 }, cancellationToken: Token);
        Assert.Equal(200, done.Count);
        Assert.All(done, j => Assert.Equal(1, j.Attempts));
    }

    [Fact]
    public async Task ClaimAsync_TenantAtItsLimit_GetsNoMoreUntilOneFinishes()
    {
        JobOptions.PerTenantConcurrency = 2;
        var queue = CreateQueue();
        for (var i = 0; i < 5; i++)
        {
            await queue.EnqueueAsync(Request("acme"), cancellationToken: Token);
        }

        var a = await queue.ClaimAsync("w1", Lease, cancellationToken: Token);
        var b = await queue.ClaimAsync("w2", Lease, cancellationToken: Token);
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Null(await queue.ClaimAsync("w3", Lease, cancellationToken: Token));

        await queue.EnqueueAsync(Request("globex"), cancellationToken: Token);
        Assert.Equal("globex", (await queue.ClaimAsync("w3", Lease, cancellationToken: Token))?.Tenant);

        await queue.CompleteAsync(a, null, cancellationToken: Token);
        Assert.Equal("acme", (await queue.ClaimAsync("w1", Lease, cancellationToken: Token))?.Tenant);
    }

    [Fact]
    public async Task ClaimAsync_ManyProcessesRacingForOneTenant_NeverExceedItsLimit()
    {
        JobOptions.PerTenantConcurrency = 2;
        var setup = CreateQueue();
        for (var i = 0; i < 10; i++)
        {
            await setup.EnqueueAsync(Request("acme"), cancellationToken: Token);
        }

        var queues = new[] { CreateQueue(), CreateQueue(), CreateQueue() };
        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => queues[i % 3].ClaimAsync("w" + i, Lease))));

        Assert.Equal(2, claims.Count(c => c is not null));
        Assert.Equal(2, (await setup.ListAsync(new JobQuery { Status = JobStatus.Running }, cancellationToken: Token)).Count);
    }

    [Fact]
    public async Task ClaimAsync_OneTenantsBacklog_DoesNotStarveAnother()
    {
        JobOptions.PerTenantConcurrency = 100;
        var queue = CreateQueue();
        for (var i = 0; i < 10; i++)
        {
            await queue.EnqueueAsync(Request("acme"), cancellationToken: Token);
        }

        Time.Advance(TimeSpan.FromSeconds(1));
        await queue.EnqueueAsync(Request("globex"), cancellationToken: Token);
        Time.Advance(TimeSpan.FromSeconds(1));

        // One worker, one job at a time: acme's older backlog goes first, but globex is next, not eleventh.
        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var job = await queue.ClaimAsync("w1", Lease, cancellationToken: Token);
            Assert.NotNull(job);
            order.Add(job.Tenant);
            await queue.CompleteAsync(job, null, cancellationToken: Token);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["acme", "globex", "acme"], order);
    }

    [Fact]
    public async Task ClaimAsync_TenantWithFewerRunningJobs_GoesFirst()
    {
        JobOptions.PerTenantConcurrency = 100;
        var queue = CreateQueue();
        await queue.EnqueueAsync(Request("acme"), cancellationToken: Token);
        await queue.EnqueueAsync(Request("acme"), cancellationToken: Token);
        Time.Advance(TimeSpan.FromSeconds(1));
        await queue.EnqueueAsync(Request("globex"), cancellationToken: Token);

        var first = await queue.ClaimAsync("w1", Lease, cancellationToken: Token);
        var second = await queue.ClaimAsync("w2", Lease, cancellationToken: Token);

        Assert.Equal(("acme", "globex"), (first?.Tenant, second?.Tenant));
    }

    [Fact]
    public async Task ListAsync_Filters_MatchTenantTaskKindStatusAndTime()
    {
        var queue = CreateQueue();
        var a = (await queue.EnqueueAsync(Request("acme", JobKind.Ingest), cancellationToken: Token)).Job;
        Time.Advance(TimeSpan.FromHours(1));
        var b = (await queue.EnqueueAsync(new JobRequest("acme", JobKind.Train) { Task = "churn" }, cancellationToken: Token)).Job;
        Time.Advance(TimeSpan.FromHours(1));
        var c = (await queue.EnqueueAsync(Request("globex", JobKind.Ingest), cancellationToken: Token)).Job;
        var running = await queue.ClaimAsync("w1", Lease, [JobKind.Ingest], cancellationToken: Token);
        Assert.Equal(a.Id, running?.Id);

        Assert.Equal([c.Id, b.Id, a.Id], Ids(await queue.ListAsync(new JobQuery(), cancellationToken: Token)));
        Assert.Equal([b.Id, a.Id], Ids(await queue.ListAsync(new JobQuery { Tenant = "acme" }, cancellationToken: Token)));
        Assert.Equal([b.Id], Ids(await queue.ListAsync(new JobQuery { Task = "churn" }, cancellationToken: Token)));
        Assert.Equal([c.Id, a.Id], Ids(await queue.ListAsync(new JobQuery { Kind = JobKind.Ingest }, cancellationToken: Token)));
        Assert.Equal([a.Id], Ids(await queue.ListAsync(new JobQuery { Status = JobStatus.Running }, cancellationToken: Token)));
        Assert.Equal([c.Id], Ids(await queue.ListAsync(new JobQuery { Kind = JobKind.Ingest, Status = JobStatus.Queued }, cancellationToken: Token)));
        Assert.Equal([b.Id], Ids(await queue.ListAsync(new JobQuery { CreatedFrom = Start.AddMinutes(30), CreatedBefore = Start.AddMinutes(90) }, cancellationToken: Token)));
        Assert.Empty(await queue.ListAsync(new JobQuery { Tenant = "initech" }, cancellationToken: Token));
    }

    [Fact]
    public async Task ListAsync_Pages_WalkTheHistoryNewestFirst()
    {
        var queue = CreateQueue();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await queue.EnqueueAsync(Request(), cancellationToken: Token)).Job.Id);
        }

        var page1 = await queue.ListAsync(new JobQuery { Limit = 2 }, cancellationToken: Token);
        var page2 = await queue.ListAsync(new JobQuery { Limit = 2, BeforeId = page1[^1].Id }, cancellationToken: Token);
        var page3 = await queue.ListAsync(new JobQuery { Limit = 2, BeforeId = page2[^1].Id }, cancellationToken: Token);

        Assert.Equal(Enumerable.Reverse(ids), Ids(page1).Concat(Ids(page2)).Concat(Ids(page3)));
        Assert.Single(page3);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await CreateQueue().GetAsync(12345, cancellationToken: Token));
    }

    private static long[] Ids(IReadOnlyList<Job> jobs) => [.. jobs.Select(j => j.Id)];
}
