using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Clickcast.Metadata;
using Clickcast.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Pipeline.Jobs;

/// <summary>
/// The durable job queue in the metadata database: idempotent enqueue, atomic claims under per-tenant limits with
/// fairness between tenants, leases kept alive by heartbeats, retries with backoff, a dead-letter status, and the
/// run history. Every worker process on the same database shares it safely.
/// </summary>
/// <remarks>
/// A claimed job is the worker's while its lease lasts; the lease is identified by the worker id and the attempt
/// number, so a worker whose job was recovered and claimed again cannot complete the new attempt.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue; the name is the domain's.")]
public sealed partial class JobQueue
{
    private readonly MetadataDatabase _database;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public JobQueue(MetadataDatabase database, IOptions<JobOptions> options, TimeProvider timeProvider, ILogger<JobQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Adds a job, or returns the tenant's existing job with the same idempotency key (never a duplicate, also when
    /// several processes enqueue at once).
    /// </summary>
    /// <exception cref="ArgumentException">The tenant id is invalid, or the payload is not JSON.</exception>
    public async Task<EnqueueResult> EnqueueAsync(JobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        TenantLayout.ValidateTenant(request.Tenant, nameof(request));
        if (request.Task is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(request.Task, nameof(request));
        }

        ValidateJson(request.Payload, nameof(request));
        var retry = request.Retry ?? _options.DefaultRetryPolicy;
        ArgumentOutOfRangeException.ThrowIfLessThan(retry.MaxAttempts, 1, nameof(request));

        var now = _time.GetUtcNow();
        var notBefore = request.NotBefore is { } at && at > now ? at : now;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = connection.CreateCommand($"""
            INSERT INTO jobs (tenant, task, kind, status, payload, idempotency_key, parent_id, attempts, max_attempts,
                              retry_backoff, retry_interval_ms, retry_factor, retry_max_interval_ms, created_at, next_run_at)
            VALUES (@tenant, @task, @kind, '{nameof(JobStatus.Queued)}', @payload, @key, @parent, 0, @max_attempts,
                    @backoff, @interval, @factor, @max_interval, @now, @next)
            ON CONFLICT (tenant, idempotency_key) DO NOTHING
            RETURNING {Columns}
            """))
        {
            insert.AddParameter("tenant", request.Tenant)
                .AddParameter("task", request.Task)
                .AddParameter("kind", request.Kind.ToString())
                .AddParameter("payload", request.Payload)
                .AddParameter("key", request.IdempotencyKey)
                .AddParameter("parent", request.ParentId)
                .AddParameter("max_attempts", retry.MaxAttempts)
                .AddParameter("backoff", retry.Backoff.ToString())
                .AddParameter("interval", DbTime.From(retry.Interval))
                .AddParameter("factor", retry.Factor)
                .AddParameter("max_interval", DbTime.From(retry.MaxInterval))
                .AddParameter("now", now)
                .AddParameter("next", notBefore);
            var created = await ReadSingleAsync(insert, cancellationToken).ConfigureAwait(false);
            if (created is not null)
            {
                Log.JobEnqueued(_logger, created.Id, created.Kind, created.Tenant);
                return new EnqueueResult(created, Created: true);
            }
        }

        // The key was taken: by a committed job, since a conflict with one still being inserted waits for it.
        await using var find = connection.CreateCommand($"SELECT {Columns} FROM jobs WHERE tenant = @tenant AND idempotency_key = @key");
        find.AddParameter("tenant", request.Tenant).AddParameter("key", request.IdempotencyKey);
        var existing = await ReadSingleAsync(find, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Job with idempotency key '{request.IdempotencyKey}' of tenant '{request.Tenant}' conflicted on insert but cannot be read.");
        return new EnqueueResult(existing, Created: false);
    }

    /// <summary>The tenant's job enqueued under <paramref name="idempotencyKey"/>, or null.</summary>
    public async Task<Job?> FindAsync(string tenant, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM jobs WHERE tenant = @tenant AND idempotency_key = @key");
        command.AddParameter("tenant", tenant).AddParameter("key", idempotencyKey);
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One job, or null when there is none with this id.</summary>
    public async Task<Job?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM jobs WHERE id = @id");
        command.AddParameter("id", id);
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run history: jobs matching <paramref name="query"/>, newest first, one page.</summary>
    public async Task<IReadOnlyList<Job>> ListAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000, nameof(query));

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(string.Empty);
        var sql = new StringBuilder($"SELECT {Columns} FROM jobs WHERE 1 = 1");
        if (query.Tenant is not null)
        {
            sql.Append(" AND tenant = @tenant");
            command.AddParameter("tenant", query.Tenant);
        }

        if (query.Task is not null)
        {
            sql.Append(" AND task = @task");
            command.AddParameter("task", query.Task);
        }

        if (query.Kind is { } kind)
        {
            sql.Append(" AND kind = @kind");
            command.AddParameter("kind", kind.ToString());
        }

        if (query.Status is { } status)
        {
            sql.Append(" AND status = @status");
            command.AddParameter("status", status.ToString());
        }

        if (query.CreatedFrom is { } from)
        {
            sql.Append(" AND created_at >= @from");
            command.AddParameter("from", from);
        }

        if (query.CreatedBefore is { } before)
        {
            sql.Append(" AND created_at < @before");
            command.AddParameter("before", before);
        }

        if (query.ParentId is { } parentId)
        {
            sql.Append(" AND parent_id = @parent_id");
            command.AddParameter("parent_id", parentId);
        }

        if (query.BeforeId is { } beforeId)
        {
            sql.Append(" AND id < @before_id");
            command.AddParameter("before_id", beforeId);
        }

        sql.Append(" ORDER BY id DESC LIMIT @limit");
        command.AddParameter("limit", query.Limit);
        command.CommandText = sql.ToString();
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many jobs are in each status (all tenants), and how many queued jobs are due now: for metrics.</summary>
    public async Task<(IReadOnlyDictionary<JobStatus, long> ByStatus, long Due)> CountAsync(CancellationToken cancellationToken = default)
    {
        var counts = Enum.GetValues<JobStatus>().ToDictionary(s => s, _ => 0L);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = connection.CreateCommand("SELECT status, COUNT(*) FROM jobs GROUP BY status"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (Enum.TryParse<JobStatus>(reader.GetString(0), out var status))
                {
                    counts[status] = reader.GetInt64(1);
                }
            }
        }

        await using var due = connection.CreateCommand("SELECT COUNT(*) FROM jobs WHERE " + DueCondition + "@now");
        due.AddParameter("now", _time.GetUtcNow());
        return (counts, Convert.ToInt64(await due.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture));
    }

    private static void ValidateJson(string json, string paramName)
    {
        ArgumentNullException.ThrowIfNull(json, paramName);
        try
        {
            using var document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The payload is not valid JSON: {ex.Message}"), paramName, ex);
        }
    }

    private static async Task<Job?> ReadSingleAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadJob(reader) : null;
    }

    private static async Task<IReadOnlyList<Job>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var jobs = new List<Job>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(ReadJob(reader));
        }

        return jobs;
    }
}
