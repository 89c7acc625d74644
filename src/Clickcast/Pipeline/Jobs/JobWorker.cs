using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Pipeline.Jobs;

/// <summary>
/// Runs queued jobs: claims one, dispatches it to the handler registered for its kind, keeps its lease alive with
/// heartbeats while it runs, and records the outcome. Runs <see cref="JobOptions.Workers"/> jobs at once.
/// </summary>
/// <remarks>
/// Only kinds with a handler are claimed, so specialised hosts (one with a GPU for training) can share a queue.
/// When the worker stops, a running job is cancelled and released back to the queue at once without counting the
/// attempt (after <see cref="JobOptions.StopTimeout"/> even if its handler ignores the token); if the
/// process dies instead, the job's lease expires and <see cref="JobQueue.RecoverExpiredLeasesAsync"/> requeues it.
/// </remarks>
public sealed class JobWorker
{
    private readonly JobQueue _queue;
    private readonly Dictionary<JobKind, IJobHandler> _handlers;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _instance;

    /// <summary>
    /// Reads the managed heap's committed bytes before and after each job (<see cref="MemoryRelease.Committed"/>); a
    /// test seam, since the real figure is process-wide and moves with whatever else the process runs.
    /// </summary>
    internal Func<long> CommittedBytes { get; init; } = MemoryRelease.Committed;

    public JobWorker(JobQueue queue, IEnumerable<IJobHandler> handlers, IOptions<JobOptions> options, TimeProvider timeProvider, ILogger<JobWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _queue = queue;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
        _handlers = [];
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Kind, handler))
            {
                throw new ArgumentException($"Two handlers for {handler.Kind} jobs: {_handlers[handler.Kind].GetType().Name} and {handler.GetType().Name}.", nameof(handlers));
            }
        }

        Kinds = [.. _handlers.Keys.Order()];
        // Host and process for people reading the jobs table; the random part tells a restarted process apart.
        _instance = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");
    }

    /// <summary>The job kinds this worker runs (those with a handler).</summary>
    public IReadOnlyList<JobKind> Kinds { get; }

    /// <summary>
    /// Runs every job that is due now, then returns (<c>clickcast run</c>). Jobs a failure scheduled for later are
    /// left queued. Recovers expired leases first.
    /// </summary>
    /// <returns>How many attempts were run.</returns>
    public async Task<int> RunUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        await _queue.RecoverExpiredLeasesAsync(cancellationToken).ConfigureAwait(false);
        var loops = new Task<int>[_options.Workers];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = DrainAsync(WorkerId(i), cancellationToken);
        }

        return (await Task.WhenAll(loops).ConfigureAwait(false)).Sum();
    }

    /// <summary>
    /// Runs jobs as they become due until <paramref name="stoppingToken"/> is cancelled (<c>clickcast worker</c>,
    /// the server's hosted worker), and recovers expired leases every <see cref="JobOptions.RecoveryInterval"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        Log.WorkerStarted(_logger, _options.Workers, Kinds.Count == 0 ? "no kinds (no handlers registered)" : string.Join(", ", Kinds));
        var loops = new List<Task>(_options.Workers + 1) { RecoverLoopAsync(stoppingToken) };
        for (var i = 0; i < _options.Workers; i++)
        {
            loops.Add(PollLoopAsync(WorkerId(i), stoppingToken));
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        Log.WorkerStopped(_logger);
    }

    private string WorkerId(int index) => string.Create(CultureInfo.InvariantCulture, $"{_instance}/{index}");

    private async Task<int> DrainAsync(string workerId, CancellationToken cancellationToken)
    {
        var ran = 0;
        while (await _queue.ClaimAsync(workerId, _options.Lease, Kinds, cancellationToken).ConfigureAwait(false) is { } job)
        {
            await ExecuteAsync(job, cancellationToken).ConfigureAwait(false);
            ran++;
        }

        return ran;
    }

    private async Task PollLoopAsync(string workerId, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Job? job;
            try
            {
                job = await _queue.ClaimAsync(workerId, _options.Lease, Kinds, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.QueueUnavailable(_logger, workerId, _options.PollInterval, ex);
                job = null;
            }

            if (job is not null)
            {
                await ExecuteAsync(job, stoppingToken).ConfigureAwait(false);
            }
            else if (!await DelayAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task RecoverLoopAsync(CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                await _queue.RecoverExpiredLeasesAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.QueueUnavailable(_logger, "recovery", _options.RecoveryInterval, ex);
            }
        }
        while (await DelayAsync(_options.RecoveryInterval, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Runs one attempt and records its outcome; never throws, so one job cannot stop the worker.</summary>
    private async Task ExecuteAsync(Job job, CancellationToken stoppingToken)
    {
        var handler = _handlers[job.Kind];
        var committedAtStart = CommittedBytes();

        // Everything logged until the outcome is recorded belongs to the job's log (see JobLogProvider).
        using var logScope = _logger.BeginScope(new JobLogScope(job.Id));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopHeartbeat = new CancellationTokenSource();
        var leaseLost = new StrongBox<bool>();
        var heartbeat = HeartbeatLoopAsync(job, attempt, leaseLost, stopHeartbeat.Token);
        JobOutcome? outcome;
        try
        {
            outcome = await RunHandlerAsync(handler, job, attempt.Token, stoppingToken).ConfigureAwait(false)
                ?? JobOutcome.Failed($"{handler.GetType().Name} returned no outcome");
        }
        catch (TimeoutException) when (stoppingToken.IsCancellationRequested)
        {
            // The handler ignores its token (a native call, a long synchronous step): the worker stops without it.
            Log.JobAbandonedOnStop(_logger, job.Id, job.Kind, job.Tenant, _options.StopTimeout);
            outcome = null;
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            // Stopping, or the lease was lost: either way this attempt has no outcome to record.
            outcome = null;
        }
        catch (Exception ex)
        {
            Log.HandlerThrew(_logger, job.Id, job.Kind, job.Tenant, job.Attempts, ex);
            outcome = JobOutcome.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            await stopHeartbeat.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        if (outcome is { IsSuccess: false } && stoppingToken.IsCancellationRequested)
        {
            // A failure while stopping is the stop's doing (a handler that reports its cancellation as an error): the
            // attempt does not count.
            outcome = null;
        }

        try
        {
            // Not the stopping token: an attempt that finished while the worker was stopping still counts.
            var recorded = leaseLost.Value ? false
                : outcome is null ? await _queue.ReleaseAsync(job, CancellationToken.None).ConfigureAwait(false)
                : outcome.IsSuccess ? await _queue.CompleteAsync(job, outcome.Result, outcome.Outcome, outcome.Reason, CancellationToken.None).ConfigureAwait(false)
                : outcome.IsPermanentFailure ? await _queue.DeadLetterAsync(job, outcome.Error!, CancellationToken.None).ConfigureAwait(false)
                : await _queue.FailAsync(job, outcome.Error!, CancellationToken.None).ConfigureAwait(false);
            if (!recorded)
            {
                Log.LeaseLost(_logger, job.Id, job.Kind, job.Tenant);
            }

            Diagnostics.ClickcastMetrics.JobAttempts.Add(
                1,
                new KeyValuePair<string, object?>("kind", job.Kind.ToString()),
                new KeyValuePair<string, object?>("outcome", AttemptOutcome(outcome, recorded)),
                Diagnostics.ClickcastMetrics.Tenant(job.Tenant));
        }
        catch (Exception ex)
        {
            // The lease will expire and recovery will requeue the job: nothing is lost, only delayed.
            Log.OutcomeNotRecorded(_logger, job.Id, job.Kind, job.Tenant, ex);
        }

        ReleaseMemory(job, committedAtStart);
    }

    /// <summary>Hands the heap back to the operating system when <see cref="MemoryRelease.IsDue"/> says so.</summary>
    private void ReleaseMemory(Job job, long committedAtStart)
    {
        if (MemoryRelease.IsDue(committedAtStart, CommittedBytes(), _options.ReleaseMemoryAboveMiB, _options.ReleaseMemoryGrowthMiB))
        {
            var (before, after) = MemoryRelease.Collect();
            Log.MemoryReleased(_logger, job.Id, job.Kind, committedAtStart, before, after);
        }
    }

    /// <summary>
    /// The handler's attempt; once the worker is stopping it gets <see cref="JobOptions.StopTimeout"/> to end, then
    /// <see cref="TimeoutException"/> (the attempt is left behind, its job released).
    /// </summary>
    private async Task<JobOutcome?> RunHandlerAsync(IJobHandler handler, Job job, CancellationToken attemptToken, CancellationToken stoppingToken)
    {
        // On a pool thread: a handler that blocks synchronously must not block the worker's own stop.
        var running = Task.Run(() => handler.RunAsync(job, attemptToken), CancellationToken.None);
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stoppingToken.Register(() => stopping.TrySetResult()).ConfigureAwait(false))
        {
            if (await Task.WhenAny(running, stopping.Task).ConfigureAwait(false) == running)
            {
                return await running.ConfigureAwait(false);
            }
        }

        try
        {
            return await running.WaitAsync(_options.StopTimeout, _time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Observe its eventual fault so it is not reported as unobserved.
            _ = running.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>How an attempt ended, for <c>clickcast_job_attempts_total</c>.</summary>
    internal static string AttemptOutcome(JobOutcome? outcome, bool recorded) =>
        !recorded ? "LeaseLost"
        : outcome is null ? "Released"
        : outcome.IsSuccess ? outcome.Outcome.ToString()
        : outcome.IsPermanentFailure ? nameof(JobStatus.DeadLettered)
        : nameof(RunOutcome.Failed);

    private async Task HeartbeatLoopAsync(Job job, CancellationTokenSource attempt, StrongBox<bool> leaseLost, CancellationToken stop)
    {
        // A periodic timer ticks on schedule even while a slow heartbeat is still running, so heartbeats never drift.
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    if (!await _queue.HeartbeatAsync(job, _options.Lease, stop).ConfigureAwait(false))
                    {
                        leaseLost.Value = true;
                        await attempt.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One missed heartbeat is harmless: the lease outlasts several intervals.
                    Log.HeartbeatFailed(_logger, job.Id, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits on the injected clock; false when stopped meanwhile.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
