using System.Globalization;
using System.Text.Json;
using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Pipeline.Triggers;

/// <summary>
/// The object-created trigger: enqueues one <see cref="JobKind.Ingest"/> job per new version (key, ETag) of every
/// object under a tenant's sensed prefix, found by listing on an interval or told by a bucket notification.
/// </summary>
/// <remarks>
/// Exactly once, also across restarts and with several sensors at once: every version seen is recorded in the
/// <c>sensor_objects</c> ledger, after its job is enqueued under the idempotency key <c>tenant|key|etag</c>.
/// A crash between the two re-enqueues the same job (a no-op); two sensors racing enqueue the same job.
/// Each poll compares the whole listing with the ledger instead of listing after a "last key seen" cursor:
/// such a cursor skips a file that arrives late with a key sorting before it (a late file of an earlier day).
/// The current version of every key is also kept in <c>raw_objects</c> (<see cref="UsageAsync"/>, the stored-bytes
/// quota); each poll drops the keys it no longer lists.
/// </remarks>
public sealed class ObjectSensor
{
    private readonly IObjectStore _store;
    private readonly JobQueue _queue;
    private readonly MetadataDatabase _database;
    private readonly SensorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ObjectSensor(IObjectStore store, JobQueue queue, MetadataDatabase database, IOptions<SensorOptions> options, TimeProvider timeProvider, ILogger<ObjectSensor> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _queue = queue;
        _database = database;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>The idempotency key of the ingest job of one object version.</summary>
    public static string IdempotencyKey(string tenant, string key, string eTag) => $"{tenant}|{key}|{eTag}";

    /// <summary>
    /// Bytes of the current version of every raw file of <paramref name="tenant"/> the sensor has recorded (uploaded,
    /// notified or listed), and of <paramref name="key"/> among them: one indexed SQL sum, never a listing of the store.
    /// </summary>
    public async Task<RawUsage> UsageAsync(string tenant, string? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT COALESCE(SUM(size), 0), COALESCE(SUM(CASE WHEN object_key = @key THEN size ELSE 0 END), 0)
            FROM raw_objects WHERE tenant = @tenant
            """);
        command.AddParameter("tenant", tenant).AddParameter("key", key ?? string.Empty);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new RawUsage(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>Lists the tenant's sensed prefix once and enqueues an ingest job for every version not seen before.</summary>
    /// <returns>How many jobs this call created.</returns>
    public async Task<int> PollAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var prefix = SensedPrefix(tenant);
        var known = await LoadLedgerAsync(tenant, cancellationToken).ConfigureAwait(false);
        int listed = 0, enqueued = 0;
        DateTimeOffset? newest = null;
        var present = new HashSet<string>(StringComparer.Ordinal);
        var listedSince = _time.GetUtcNow();
        await foreach (var item in _store.ListAsync(prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            listed++;
            present.Add(item.Key);
            newest = newest is { } n && n >= item.LastModified ? n : item.LastModified;
            if (!known.Contains((item.Key, item.ETag)) && await EnqueueAsync(tenant, item, cancellationToken).ConfigureAwait(false))
            {
                enqueued++;
            }
        }

        await SaveCursorAsync(tenant, prefix, listed, enqueued, newest, cancellationToken).ConfigureAwait(false);
        await ForgetRemovedAsync(tenant, present, listedSince, cancellationToken).ConfigureAwait(false);
        if (enqueued > 0)
        {
            Log.ObjectsEnqueued(_logger, tenant, prefix, enqueued, listed);
        }
        else
        {
            Log.NothingNew(_logger, tenant, prefix, listed);
        }

        return enqueued;
    }

    /// <summary>
    /// Takes an object-created notification (an S3 bucket event) through the same ledger as the listing, so an
    /// object notified and also listed gets one job. The object's current version is read from the store.
    /// </summary>
    /// <param name="key">The store key, as the store names it: S3 events URL-encode keys and include the store's key prefix, so decode and strip them first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<NotificationResult> NotifyObjectCreatedAsync(string key, CancellationToken cancellationToken = default) =>
        NotifyObjectCreatedAsync(key, null, cancellationToken);

    /// <summary>As <see cref="NotifyObjectCreatedAsync(string, CancellationToken)"/>, recording <paramref name="parentId"/> as the new job's parent (lineage).</summary>
    public async Task<NotificationResult> NotifyObjectCreatedAsync(string key, long? parentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = await NotifyCoreAsync(key, parentId, cancellationToken).ConfigureAwait(false);
        Log.Notified(_logger, key, result);
        return result;
    }

    /// <summary>Polls every configured tenant each <see cref="SensorOptions.PollInterval"/> until stopped; one tenant's failure does not stop the others.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        Log.SensorStarted(_logger, _options.Tenants.Count, _options.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var tenant in _options.Tenants)
            {
                try
                {
                    await PollAsync(tenant, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Log.PollFailed(_logger, tenant, SensedPrefix(tenant), ex);
                }
            }

            try
            {
                await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private string SensedPrefix(string tenant) => TenantLayout.Root(tenant) + _options.Prefix;

    private async Task<NotificationResult> NotifyCoreAsync(string key, long? parentId, CancellationToken cancellationToken)
    {
        // tenants/{tenant}/{prefix}...
        var parts = key.Split('/', 3);
        if (!ObjectKey.IsValid(key) || parts.Length < 3 || parts[0] != TenantLayout.TenantsRoot || !TenantLayout.IsValidTenant(parts[1])
            || !key.StartsWith(SensedPrefix(parts[1]), StringComparison.Ordinal))
        {
            return NotificationResult.NotSensed;
        }

        var tenant = parts[1];
        if (await _store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false) is not { } item)
        {
            return NotificationResult.NotFound;
        }

        await using (var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.CreateCommand("SELECT 1 FROM sensor_objects WHERE tenant = @tenant AND object_key = @key AND etag = @etag"))
        {
            command.AddParameter("tenant", tenant).AddParameter("key", item.Key).AddParameter("etag", item.ETag);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return NotificationResult.AlreadyKnown;
            }
        }

        return await EnqueueAsync(tenant, item, cancellationToken, parentId).ConfigureAwait(false) ? NotificationResult.Enqueued : NotificationResult.AlreadyKnown;
    }

    /// <summary>Enqueues the version's job, then records it; true when this call created the job.</summary>
    private async Task<bool> EnqueueAsync(string tenant, StoredObject item, CancellationToken cancellationToken, long? parentId = null)
    {
        var payload = JsonSerializer.Serialize(new ObjectCreated(item.Key, item.ETag, item.Size, item.LastModified), ClickcastJson.Options);
        var enqueued = await _queue.EnqueueAsync(
            new JobRequest(tenant, JobKind.Ingest) { Payload = payload, IdempotencyKey = IdempotencyKey(tenant, item.Key, item.ETag), ParentId = parentId },
            cancellationToken).ConfigureAwait(false);

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            INSERT INTO sensor_objects (tenant, object_key, etag, size, last_modified, job_id, recorded_at)
            VALUES (@tenant, @key, @etag, @size, @modified, @job, @now)
            ON CONFLICT (tenant, object_key, etag) DO NOTHING
            """);
        command.AddParameter("tenant", tenant)
            .AddParameter("key", item.Key)
            .AddParameter("etag", item.ETag)
            .AddParameter("size", item.Size)
            .AddParameter("modified", item.LastModified)
            .AddParameter("job", enqueued.Job.Id)
            .AddParameter("now", _time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        // The newest version of a key is what the store holds; a late listing of an older one changes nothing.
        await using var current = connection.CreateCommand("""
            INSERT INTO raw_objects (tenant, object_key, etag, size, last_modified, recorded_at)
            VALUES (@tenant, @key, @etag, @size, @modified, @now)
            ON CONFLICT (tenant, object_key) DO UPDATE SET etag = excluded.etag, size = excluded.size, last_modified = excluded.last_modified, recorded_at = excluded.recorded_at
            WHERE excluded.last_modified >= raw_objects.last_modified
            """);
        current.AddParameter("tenant", tenant)
            .AddParameter("key", item.Key)
            .AddParameter("etag", item.ETag)
            .AddParameter("size", item.Size)
            .AddParameter("modified", item.LastModified)
            .AddParameter("now", _time.GetUtcNow());
        await current.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return enqueued.Created;
    }

    /// <summary>
    /// Drops the usage rows of keys the listing no longer shows (deleted from the store): they hold no bytes. A row
    /// recorded since the listing began is kept: its file may have arrived after the listing passed its key.
    /// </summary>
    private async Task ForgetRemovedAsync(string tenant, HashSet<string> present, DateTimeOffset listedSince, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var select = connection.CreateCommand("SELECT object_key FROM raw_objects WHERE tenant = @tenant AND recorded_at < @since"))
        {
            select.AddParameter("tenant", tenant).AddParameter("since", listedSince);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = reader.GetString(0);
                if (!present.Contains(key))
                {
                    removed.Add(key);
                }
            }
        }

        foreach (var key in removed)
        {
            await using var delete = connection.CreateCommand("DELETE FROM raw_objects WHERE tenant = @tenant AND object_key = @key AND recorded_at < @since");
            delete.AddParameter("tenant", tenant).AddParameter("key", key).AddParameter("since", listedSince);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HashSet<(string Key, string ETag)>> LoadLedgerAsync(string tenant, CancellationToken cancellationToken)
    {
        var known = new HashSet<(string, string)>();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT object_key, etag FROM sensor_objects WHERE tenant = @tenant");
        command.AddParameter("tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            known.Add((reader.GetString(0), reader.GetString(1)));
        }

        return known;
    }

    private async Task SaveCursorAsync(string tenant, string prefix, int listed, int enqueued, DateTimeOffset? newest, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            INSERT INTO sensor_cursors (tenant, prefix, last_listed_at, objects_listed, objects_enqueued, newest_modified)
            VALUES (@tenant, @prefix, @now, @listed, @enqueued, @newest)
            ON CONFLICT (tenant, prefix) DO UPDATE SET
                last_listed_at = excluded.last_listed_at,
                objects_listed = excluded.objects_listed,
                objects_enqueued = sensor_cursors.objects_enqueued + excluded.objects_enqueued,
                newest_modified = excluded.newest_modified
            """);
        command.AddParameter("tenant", tenant)
            .AddParameter("prefix", prefix)
            .AddParameter("now", _time.GetUtcNow())
            .AddParameter("listed", (long)listed)
            .AddParameter("enqueued", (long)enqueued)
            .AddParameter("newest", newest);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
