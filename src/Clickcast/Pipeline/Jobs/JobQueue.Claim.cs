using System.Data.Common;
using System.Globalization;
using System.Text;
using Clickcast.Metadata;

namespace Clickcast.Pipeline.Jobs;

public sealed partial class JobQueue
{
    private const string Queued = nameof(JobStatus.Queued);
    private const string Running = nameof(JobStatus.Running);

    /// <summary>Tenants tried per claim before giving up; each try that fails rules one tenant out.</summary>
    private const int MaxTenantsPerClaim = 32;

    /// <summary>
    /// Claims the next due job for <paramref name="workerId"/>, or returns null when none may run now. The job
    /// becomes <see cref="JobStatus.Running"/> with its attempt counted and a lease of <paramref name="lease"/>.
    /// </summary>
    /// <remarks>
    /// Fairness: among tenants with a due job and fewer than <see cref="JobOptions.PerTenantConcurrency"/> running
    /// jobs, the tenant with the fewest running jobs goes first, then the one served longest ago, then the one whose
    /// due job is oldest; within the tenant, its oldest due job. So a tenant's backlog never starves another tenant.
    /// A job whose kind runs alone (<see cref="JobExclusions"/>) waits while one of its kind and scope is running.
    /// Atomic across processes: on SQLite the claim holds the file's write lock (<c>BEGIN IMMEDIATE</c>); on
    /// PostgreSQL it serializes on a per-tenant advisory lock (for the running count) and takes the row with
    /// <c>FOR UPDATE SKIP LOCKED</c>. Either way the final update only takes a row that is still queued.
    /// </remarks>
    /// <param name="workerId">Who claims; the lease is this worker's.</param>
    /// <param name="lease">How long the job stays the worker's without a heartbeat.</param>
    /// <param name="kinds">The kinds the worker can run; null for any. Empty claims nothing.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    public async Task<Job?> ClaimAsync(string workerId, TimeSpan lease, IReadOnlyCollection<JobKind>? kinds = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (kinds is { Count: 0 })
        {
            return null;
        }

        var dialect = _database.Dialect;
        var ruledOut = new List<string>();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        for (var round = 0; round < MaxTenantsPerClaim; round++)
        {
            var now = _time.GetUtcNow();
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            var tenant = await PickTenantAsync(transaction, now, kinds, ruledOut, cancellationToken).ConfigureAwait(false);
            if (tenant is null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }

            // Recount under the tenant's lock: on PostgreSQL another claimer may have filled the tenant since the pick.
            await dialect.LockAsync(transaction, "jobs:tenant:" + tenant, cancellationToken).ConfigureAwait(false);
            var id = await CountRunningAsync(transaction, tenant, cancellationToken).ConfigureAwait(false) < _options.PerTenantConcurrency
                ? await PickJobAsync(transaction, tenant, now, kinds, cancellationToken).ConfigureAwait(false)
                : null;
            var job = id is null ? null : await MarkRunningAsync(transaction, id.Value, workerId, now, lease, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (job is not null)
            {
                Log.JobClaimed(_logger, job.Id, job.Kind, job.Tenant, job.Attempts, workerId);
                return job;
            }

            ruledOut.Add(tenant);
        }

        return null;
    }

    private async Task<string?> PickTenantAsync(DbTransaction transaction, DateTimeOffset now, IReadOnlyCollection<JobKind>? kinds, List<string> ruledOut, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(string.Empty);
        var kindFilter = KindFilter(command, kinds);
        var tenantFilter = new StringBuilder();
        for (var i = 0; i < ruledOut.Count; i++)
        {
            var name = "t" + i.ToString(CultureInfo.InvariantCulture);
            tenantFilter.Append(i == 0 ? " AND d.tenant NOT IN (@" : ", @").Append(name);
            command.AddParameter(name, ruledOut[i]);
        }

        if (ruledOut.Count > 0)
        {
            tenantFilter.Append(')');
        }

        // NULLs sort differently in SQLite and PostgreSQL, hence the COALESCEs.
        command.CommandText = $"""
            SELECT d.tenant
            FROM (SELECT tenant, MIN(next_run_at) AS oldest_due
                  FROM jobs q
                  WHERE q.status = '{Queued}' AND q.next_run_at <= @now{kindFilter}{JobExclusions.NoneRunningSql("q")}
                  GROUP BY q.tenant) d
            LEFT JOIN (SELECT tenant, COUNT(*) AS running FROM jobs WHERE status = '{Running}' GROUP BY tenant) r
                ON r.tenant = d.tenant
            WHERE COALESCE(r.running, 0) < @limit{tenantFilter}
            ORDER BY COALESCE(r.running, 0),
                     COALESCE((SELECT MAX(s.started_at) FROM jobs s WHERE s.tenant = d.tenant), -1),
                     d.oldest_due,
                     d.tenant
            LIMIT 1
            """;
        command.AddParameter("now", now).AddParameter("limit", _options.PerTenantConcurrency);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static async Task<long> CountRunningAsync(DbTransaction transaction, string tenant, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand($"SELECT COUNT(*) FROM jobs WHERE tenant = @tenant AND status = '{Running}'");
        command.AddParameter("tenant", tenant);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private async Task<long?> PickJobAsync(DbTransaction transaction, string tenant, DateTimeOffset now, IReadOnlyCollection<JobKind>? kinds, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(string.Empty);
        var kindFilter = KindFilter(command, kinds);
        command.CommandText = $"""
            SELECT j.id FROM jobs j
            WHERE j.tenant = @tenant AND j.status = '{Queued}' AND j.next_run_at <= @now{kindFilter}{JobExclusions.NoneRunningSql("j")}
            ORDER BY j.next_run_at, j.id
            LIMIT 1{_database.Dialect.ForUpdateSkipLocked}
            """;
        command.AddParameter("tenant", tenant).AddParameter("now", now);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } id and not DBNull
            ? Convert.ToInt64(id, CultureInfo.InvariantCulture)
            : null;
    }

    private static async Task<Job?> MarkRunningAsync(DbTransaction transaction, long id, string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand($"""
            UPDATE jobs
            SET status = '{Running}', attempts = attempts + 1, started_at = @now, lease_owner = @owner, lease_expires_at = @expires
            WHERE id = @id AND status = '{Queued}'
            RETURNING {Columns}
            """);
        command.AddParameter("id", id).AddParameter("now", now).AddParameter("owner", workerId).AddParameter("expires", now + lease);
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static string KindFilter(DbCommand command, IReadOnlyCollection<JobKind>? kinds)
    {
        if (kinds is null)
        {
            return string.Empty;
        }

        var filter = new StringBuilder(" AND kind IN (");
        var i = 0;
        foreach (var kind in kinds)
        {
            var name = "k" + i.ToString(CultureInfo.InvariantCulture);
            filter.Append(i++ == 0 ? "@" : ", @").Append(name);
            command.AddParameter(name, kind.ToString());
        }

        return filter.Append(')').ToString();
    }
}
