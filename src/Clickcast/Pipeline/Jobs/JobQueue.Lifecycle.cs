using System.Data.Common;
using Clickcast.Metadata;

namespace Clickcast.Pipeline.Jobs;

public sealed partial class JobQueue
{
    private const string Succeeded = nameof(JobStatus.Succeeded);
    private const string DeadLettered = nameof(JobStatus.DeadLettered);
    private const string Cancelled = nameof(JobStatus.Cancelled);

    /// <summary>Matches the attempt a worker holds: still running, under its lease, at the attempt it claimed.</summary>
    private const string HeldLease = $"id = @id AND status = '{Running}' AND lease_owner = @owner AND attempts = @attempts";

    /// <summary>Extends the lease of a claimed job to now + <paramref name="lease"/>.</summary>
    /// <returns>False when the lease was lost: the job was recovered, cancelled or claimed again; stop working on it.</returns>
    public async Task<bool> HeartbeatAsync(Job job, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return await ExecuteHeldAsync(job, "lease_expires_at = @expires", c => c.AddParameter("expires", _time.GetUtcNow() + lease), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a claimed job succeeded with its outputs.</summary>
    /// <param name="job">The job as it was claimed.</param>
    /// <param name="resultJson">Outputs as JSON, or null.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>False when the lease was lost (the result is not recorded).</returns>
    public Task<bool> CompleteAsync(Job job, string? resultJson, CancellationToken cancellationToken = default) =>
        CompleteAsync(job, resultJson, RunOutcome.Succeeded, null, cancellationToken);

    /// <summary>Marks a claimed job finished with its outputs and what it achieved (<paramref name="outcome"/>, <paramref name="reason"/>).</summary>
    /// <returns>False when the lease was lost (the result is not recorded).</returns>
    public async Task<bool> CompleteAsync(Job job, string? resultJson, RunOutcome outcome, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (resultJson is not null)
        {
            ValidateJson(resultJson, nameof(resultJson));
        }

        var done = await ExecuteHeldAsync(
            job,
            $"status = '{Succeeded}', result = @result, outcome = @outcome, outcome_reason = @reason, finished_at = @now, lease_owner = NULL, lease_expires_at = NULL",
            c => c.AddParameter("result", resultJson).AddParameter("outcome", outcome.ToString()).AddParameter("reason", reason).AddParameter("now", _time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        if (done)
        {
            Log.JobSucceeded(_logger, job.Id, job.Kind, job.Tenant, job.Attempts);
        }

        return done;
    }

    /// <summary>
    /// Records a failed attempt: the job is queued again after its retry policy's wait, or dead-lettered when it
    /// is out of attempts.
    /// </summary>
    /// <returns>False when the lease was lost.</returns>
    public Task<bool> FailAsync(Job job, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Retry.AllowsAnotherAttempt(job.Attempts)
            ? RequeueAsync(job, error, cancellationToken)
            : DeadLetterAsync(job, error, cancellationToken);
    }

    /// <summary>Records a failure that no retry can fix: the job is dead-lettered now, whatever attempts remain.</summary>
    /// <returns>False when the lease was lost.</returns>
    public async Task<bool> DeadLetterAsync(Job job, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(error);
        var done = await ExecuteHeldAsync(
            job,
            $"status = '{DeadLettered}', last_error = @error, outcome = '{nameof(RunOutcome.Failed)}', outcome_reason = @error, finished_at = @now, lease_owner = NULL, lease_expires_at = NULL",
            c => c.AddParameter("error", error).AddParameter("now", _time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        if (done)
        {
            Log.JobDeadLettered(_logger, job.Id, job.Kind, job.Tenant, job.Attempts, error);
        }

        return done;
    }

    /// <summary>
    /// Gives a claimed job back without counting the attempt (a worker shutting down): it is queued again, due now.
    /// </summary>
    /// <returns>False when the lease was lost already.</returns>
    public async Task<bool> ReleaseAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var done = await ExecuteHeldAsync(
            job,
            $"status = '{Queued}', attempts = attempts - 1, next_run_at = @now, lease_owner = NULL, lease_expires_at = NULL",
            c => c.AddParameter("now", _time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        if (done)
        {
            Log.JobReleased(_logger, job.Id, job.Kind, job.Tenant);
        }

        return done;
    }

    /// <summary>
    /// Cancels a queued or running job; a running job's worker finds out at its next heartbeat and stops.
    /// </summary>
    /// <returns>False when there is no such job or it has already finished.</returns>
    public async Task<bool> CancelAsync(long id, string? reason = null, CancellationToken cancellationToken = default)
    {
        var done = await ExecuteAsync(
            $"""
            UPDATE jobs
            SET status = '{Cancelled}', finished_at = @now, last_error = COALESCE(@reason, last_error), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @id AND status IN ('{Queued}', '{Running}')
            """,
            c => c.AddParameter("id", id).AddParameter("now", _time.GetUtcNow()).AddParameter("reason", reason),
            cancellationToken).ConfigureAwait(false) == 1;
        if (done)
        {
            Log.JobCancelled(_logger, id);
        }

        return done;
    }

    /// <summary>
    /// Runs a dead-lettered or cancelled job again (by hand): it is queued, due now, with all its attempts back.
    /// </summary>
    /// <returns>False when there is no such job or it is not dead-lettered or cancelled.</returns>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        var done = await ExecuteAsync(
            $"""
            UPDATE jobs
            SET status = '{Queued}', attempts = 0, next_run_at = @now, finished_at = NULL, outcome = NULL, outcome_reason = NULL
            WHERE id = @id AND status IN ('{DeadLettered}', '{Cancelled}')
            """,
            c => c.AddParameter("id", id).AddParameter("now", _time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false) == 1;
        if (done)
        {
            Log.JobRetriedByHand(_logger, id);
        }

        return done;
    }

    /// <summary>
    /// Returns the jobs of workers that stopped heartbeating (crashed) to the queue, due now, or dead-letters them
    /// when that attempt was their last. Safe to run from every worker host at once.
    /// </summary>
    /// <returns>How many jobs were recovered.</returns>
    public async Task<int> RecoverExpiredLeasesAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"""
            UPDATE jobs
            SET status = CASE WHEN attempts >= max_attempts THEN '{DeadLettered}' ELSE '{Queued}' END,
                finished_at = CASE WHEN attempts >= max_attempts THEN @now ELSE NULL END,
                next_run_at = @now,
                last_error = 'lease of worker ' || lease_owner || ' expired: the worker stopped without finishing the attempt',
                lease_owner = NULL,
                lease_expires_at = NULL
            WHERE status = '{Running}' AND lease_expires_at < @now
            RETURNING {Columns}
            """);
        command.AddParameter("now", now);
        var recovered = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        foreach (var job in recovered)
        {
            Log.LeaseRecovered(_logger, job.Id, job.Kind, job.Tenant, job.Attempts, job.Status);
        }

        return recovered.Count;
    }

    private async Task<bool> ExecuteHeldAsync(Job job, string assignments, Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        if (job.LeaseOwner is null)
        {
            throw new ArgumentException($"Job {job.Id} was not claimed: pass the job ClaimAsync returned.", nameof(job));
        }

        return await ExecuteAsync(
            $"UPDATE jobs SET {assignments} WHERE {HeldLease}",
            c =>
            {
                c.AddParameter("id", job.Id).AddParameter("owner", job.LeaseOwner).AddParameter("attempts", job.Attempts);
                parameters(c);
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<bool> RequeueAsync(Job job, string error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        var next = _time.GetUtcNow() + job.Retry.DelayAfter(job.Attempts);
        var done = await ExecuteHeldAsync(
            job,
            $"status = '{Queued}', last_error = @error, next_run_at = @next, lease_owner = NULL, lease_expires_at = NULL",
            c => c.AddParameter("error", error).AddParameter("next", next),
            cancellationToken).ConfigureAwait(false);
        if (done)
        {
            Log.JobWillRetry(_logger, job.Id, job.Kind, job.Tenant, job.Attempts, job.Retry.MaxAttempts, next, error);
        }

        return done;
    }

    private async Task<int> ExecuteAsync(string sql, Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(sql);
        parameters(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
