using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Pipeline.Jobs;

public sealed class JobWorkerTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(Start);
    private readonly JobOptions _options = new() { Lease = TimeSpan.FromMinutes(2), HeartbeatInterval = TimeSpan.FromSeconds(30) };
    private readonly MetadataDatabase _database;
    private readonly JobQueue _queue;

    public JobWorkerTests()
    {
        _database = MetadataDatabase.Sqlite(_folder.File("clickcast.db"), _time);
        _queue = new JobQueue(_database, Options.Create(_options), _time, NullLogger<JobQueue>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task RunUntilIdleAsync_DueJobs_RunsEachOnceAndRecordsResults()
    {
        var handler = new RecordingHandler(JobKind.Ingest, (job, _) => Task.FromResult(JobOutcome.Succeeded(new { echo = job.Payload })));
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await _queue.EnqueueAsync(new JobRequest(i % 2 == 0 ? "acme" : "globex", JobKind.Ingest) { Payload = $$"""{"n":{{i}}}""" }, cancellationToken: Token)).Job.Id);
        }

        var ran = await Worker(handler).RunUntilIdleAsync(Token);

        Assert.Equal(5, ran);
        Assert.Equal(ids.Order(), handler.Attempts.Select(j => j.Id).Order());
        foreach (var id in ids)
        {
            var job = (await _queue.GetAsync(id, Token))!;
            Assert.Equal(JobStatus.Succeeded, job.Status);
            Assert.Contains("echo", job.Result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunUntilIdleAsync_HandlerThrows_AttemptFailsWithTheMessageAndIsRetriedLater()
    {
        var handler = new RecordingHandler(JobKind.Ingest, (_, _) => throw new IOException("disk full"));
        var id = (await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Ingest), Token)).Job.Id;
        var worker = Worker(handler);

        Assert.Equal(1, await worker.RunUntilIdleAsync(Token));

        var job = (await _queue.GetAsync(id, Token))!;
        Assert.Equal((JobStatus.Queued, 1, "IOException: disk full"), (job.Status, job.Attempts, job.LastError));
        Assert.Equal(0, await worker.RunUntilIdleAsync(Token));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await worker.RunUntilIdleAsync(Token));
        Assert.Equal(2, (await _queue.GetAsync(id, Token))!.Attempts);
    }

    [Fact]
    public async Task RunUntilIdleAsync_PermanentFailure_DeadLettersAtOnce()
    {
        var handler = new RecordingHandler(JobKind.Ingest, (_, _) => Task.FromResult(JobOutcome.FailedPermanently("not a clickstream file")));
        var id = (await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Ingest), Token)).Job.Id;

        await Worker(handler).RunUntilIdleAsync(Token);

        var job = (await _queue.GetAsync(id, Token))!;
        Assert.Equal((JobStatus.DeadLettered, 1, "not a clickstream file"), (job.Status, job.Attempts, job.LastError));
    }

    [Fact]
    public async Task RunUntilIdleAsync_KindWithoutHandler_IsLeftForAnotherWorker()
    {
        var handler = new RecordingHandler(JobKind.Ingest);
        var train = (await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Train), Token)).Job.Id;
        await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Ingest), Token);

        Assert.Equal(1, await Worker(handler).RunUntilIdleAsync(Token));
        Assert.Equal(JobStatus.Queued, (await _queue.GetAsync(train, Token))!.Status);
    }

    [Fact]
    public void Constructor_TwoHandlersForOneKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => Worker(new RecordingHandler(JobKind.Score), new RecordingHandler(JobKind.Score)));
    }

    [Fact]
    public async Task RunAsync_LongJob_HeartbeatsKeepItsLeaseWhileItRuns()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var handler = new RecordingHandler(JobKind.Train, async (_, token) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(token);
            return JobOutcome.Succeeded();
        });
        var id = (await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Train), Token)).Job.Id;
        using var stop = new CancellationTokenSource();
        var run = Worker(handler).RunAsync(stop.Token);
        await started.Task.WaitAsync(Token);

        // Ten minutes in heartbeat steps, five leases' worth: the lease must move along each time.
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(_options.HeartbeatInterval);
            var expected = _time.GetUtcNow() + _options.Lease;
            await Eventually.TrueAsync(async () => (await _queue.GetAsync(id))!.LeaseExpiresAt == expected, "the heartbeat extends the lease");
            Assert.Equal(0, await _queue.RecoverExpiredLeasesAsync(Token));
        }

        release.SetResult();
        await Eventually.TrueAsync(async () => (await _queue.GetAsync(id))!.Status == JobStatus.Succeeded, "the job succeeds");
        await stop.CancelAsync();
        await run;
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task RunAsync_Stopped_ReleasesTheRunningJobWithoutUsingAnAttempt()
    {
        var started = new TaskCompletionSource();
        var handler = new RecordingHandler(JobKind.Ingest, async (_, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return JobOutcome.Succeeded();
        });
        var id = (await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Ingest), Token)).Job.Id;
        using var stop = new CancellationTokenSource();
        var run = Worker(handler).RunAsync(stop.Token);
        await started.Task.WaitAsync(Token);

        await stop.CancelAsync();
        await run;

        var job = (await _queue.GetAsync(id, Token))!;
        Assert.Equal((JobStatus.Queued, 0), (job.Status, job.Attempts));
        Assert.Null(job.LeaseOwner);
    }

    [Fact]
    public async Task RunAsync_StoppedWhileTheHandlerIgnoresItsToken_ReleasesTheJobAfterStopTimeoutWithoutUsingAnAttempt()
    {
        var started = new TaskCompletionSource();
        var never = new TaskCompletionSource<JobOutcome>();
        var handler = new RecordingHandler(JobKind.Train, (_, _) =>
        {
            started.TrySetResult();
            return never.Task;
        });
        var id = (await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Train), Token)).Job.Id;
        using var stop = new CancellationTokenSource();
        var run = Worker(handler).RunAsync(stop.Token);
        await started.Task.WaitAsync(Token);

        await stop.CancelAsync();
        var advanced = TimeSpan.Zero;
        while (!run.IsCompleted)
        {
            // The fake clock moves only here: the worker gives up after StopTimeout of it, never on the wall clock.
            _time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, Token));
        }

        await run;
        var job = (await _queue.GetAsync(id, Token))!;
        Assert.Equal((JobStatus.Queued, 0), (job.Status, job.Attempts));
        Assert.Null(job.LeaseOwner);
        Assert.InRange(advanced, _options.StopTimeout, _options.StopTimeout + TimeSpan.FromSeconds(30));
        Assert.False(never.Task.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_StoppedAndTheHandlerReportsItsCancellationAsAFailure_ReleasesWithoutUsingAnAttempt()
    {
        var started = new TaskCompletionSource();
        var handler = new RecordingHandler(JobKind.Score, async (_, token) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                return JobOutcome.Succeeded();
            }
            catch (OperationCanceledException)
            {
                return JobOutcome.Failed("scoring cancelled");
            }
        });
        var id = (await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Score), Token)).Job.Id;
        using var stop = new CancellationTokenSource();
        var run = Worker(handler).RunAsync(stop.Token);
        await started.Task.WaitAsync(Token);

        await stop.CancelAsync();
        await run;

        var job = (await _queue.GetAsync(id, Token))!;
        Assert.Equal((JobStatus.Queued, 0, null), (job.Status, job.Attempts, job.LastError));
    }

    [Theory]
    [InlineData(true, "Succeeded", false, false, "Succeeded")]
    [InlineData(true, "NeedsData", false, false, "NeedsData")]
    [InlineData(true, "Failed", false, true, "DeadLettered")]
    [InlineData(true, "Failed", true, false, "Failed")]
    [InlineData(true, null, false, false, "Released")]
    [InlineData(false, "Succeeded", false, false, "LeaseLost")]
    public void AttemptOutcome_EachWayAnAttemptEnds_HasItsMetricLabel(bool recorded, string? outcome, bool retryable, bool permanent, string expected)
    {
        var ended = outcome switch
        {
            null => null,
            "Succeeded" => JobOutcome.Succeeded(),
            "NeedsData" => JobOutcome.Ended(new { }, RunOutcome.NeedsData, "too few positives"),
            _ when permanent => JobOutcome.FailedPermanently("poisoned"),
            _ when retryable => JobOutcome.Failed("flaky"),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };

        Assert.Equal(expected, JobWorker.AttemptOutcome(ended, recorded));
    }

    [Fact]
    public async Task RunAsync_JobCancelledWhileRunning_HandlerIsCancelledAtTheNextHeartbeat()
    {
        var started = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        var handler = new RecordingHandler(JobKind.Ingest, async (_, token) =>
        {
            started.TrySetResult();
            await using var registration = token.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return JobOutcome.Succeeded();
        });
        var id = (await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Ingest), Token)).Job.Id;
        using var stop = new CancellationTokenSource();
        var run = Worker(handler).RunAsync(stop.Token);
        await started.Task.WaitAsync(Token);

        Assert.True(await _queue.CancelAsync(id, "by an operator", Token));
        _time.Advance(_options.HeartbeatInterval);
        await cancelled.Task.WaitAsync(Token);
        await stop.CancelAsync();
        await run;

        Assert.Equal(JobStatus.Cancelled, (await _queue.GetAsync(id, Token))!.Status);
    }

    [Fact]
    public async Task RunAsync_IdleWorker_PicksUpAJobEnqueuedLaterAtTheNextPoll()
    {
        var handler = new RecordingHandler(JobKind.Export);
        using var stop = new CancellationTokenSource();
        var run = Worker(handler).RunAsync(stop.Token);
        var id = (await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Export), Token)).Job.Id;

        await Eventually.TrueAsync(
            async () =>
            {
                _time.Advance(_options.PollInterval);
                return (await _queue.GetAsync(id))!.Status == JobStatus.Succeeded;
            },
            "the worker polls and runs the job");
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunAsync_CrashedWorkersJob_IsRecoveredAndRun()
    {
        await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Score), Token);
        var crashed = (await _queue.ClaimAsync("crashed", _options.Lease, cancellationToken: Token))!;
        var handler = new RecordingHandler(JobKind.Score);
        using var stop = new CancellationTokenSource();
        var run = Worker(handler).RunAsync(stop.Token);

        await Eventually.TrueAsync(
            async () =>
            {
                _time.Advance(_options.RecoveryInterval);
                return (await _queue.GetAsync(crashed.Id))!.Status == JobStatus.Succeeded;
            },
            "recovery requeues the job and the worker runs it");
        await stop.CancelAsync();
        await run;

        Assert.Equal(2, Assert.Single(handler.Attempts).Attempts);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1024 * 1024, false)]
    public async Task RunUntilIdleAsync_AfterAJob_ReleasesTheHeapOnlyAboveTheThreshold(int thresholdMiB, bool released)
    {
        var handler = new RecordingHandler(JobKind.Ingest, (_, _) => Task.FromResult(JobOutcome.Succeeded(new { })));
        await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Ingest), Token);
        _options.ReleaseMemoryAboveMiB = thresholdMiB;
        _options.ReleaseMemoryGrowthMiB = 1024 * 1024;
        using var logs = new RecordingLoggerProvider();
        var worker = new JobWorker(_queue, [handler], Options.Create(_options), _time, new Logger<JobWorker>(new LoggerFactory([logs])));

        Assert.Equal(1, await worker.RunUntilIdleAsync(Token));

        Assert.Equal(released, logs.Entries.Any(e => e.Contains(" 7400: ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(32, true)]
    [InlineData(300, false)]
    [InlineData(1024 * 1024, false)]
    public async Task RunUntilIdleAsync_AJobThatGrewTheHeap_IsReleasedUnderTheAboveThresholdOnlyPastTheGrowthAllowance(int growthMiB, bool released)
    {
        // A training job's shape: it ends holding much more committed heap (100 -> 300 MiB) than it found, but under
        // ReleaseMemoryAboveMiB. The readings are the worker's seam: the process-wide figure moves with parallel tests.
        const long MiB = 1024 * 1024;
        var readings = new Queue<long>([100 * MiB, 300 * MiB]);
        var handler = new RecordingHandler(JobKind.Train, (_, _) => Task.FromResult(JobOutcome.Succeeded(new { })));
        await _queue.EnqueueAsync(new JobRequest("acme", JobKind.Train), Token);
        _options.ReleaseMemoryAboveMiB = 1024 * 1024;
        _options.ReleaseMemoryGrowthMiB = growthMiB;
        using var logs = new RecordingLoggerProvider();
        var worker = new JobWorker(_queue, [handler], Options.Create(_options), _time, new Logger<JobWorker>(new LoggerFactory([logs])))
        {
            CommittedBytes = () => readings.Count > 0 ? readings.Dequeue() : 0,
        };

        Assert.Equal(1, await worker.RunUntilIdleAsync(Token));

        Assert.Empty(readings);
        Assert.Equal(released, logs.Entries.Any(e => e.Contains(" 7400: ", StringComparison.Ordinal)));
    }

    private JobWorker Worker(params IJobHandler[] handlers) =>
        new(_queue, handlers, Options.Create(_options), _time, NullLogger<JobWorker>.Instance);
}
