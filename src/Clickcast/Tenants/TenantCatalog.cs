using System.Collections.Concurrent;
using System.Text.Json;
using Clickcast.Metadata;
using Clickcast.Storage;
using Microsoft.Extensions.Options;

namespace Clickcast.Tenants;

/// <summary>
/// Tenants and their task definitions, versioned in the metadata database: saving a changed definition adds a
/// version and keeps the latest <see cref="TenantLimits.MaxDefinitionVersions"/>; definitions are at most
/// <see cref="TenantLimits.MaxDefinitionBytes"/>. Secrets inside definitions (see <see cref="DefinitionSecrets"/>) are
/// stored encrypted by the <see cref="ISecretProtector"/> and come back decrypted.
/// </summary>
public sealed class TenantCatalog
{
    private readonly MetadataDatabase _database;
    private readonly TimeProvider _time;
    private readonly ISecretProtector _secrets;
    private readonly TenantLimits _limits;
    private readonly ConcurrentDictionary<string, (TenantDefinition Definition, int Version, DateTimeOffset Until)> _recent = new(StringComparer.Ordinal);

    public TenantCatalog(MetadataDatabase database, TimeProvider timeProvider, ISecretProtector? secrets = null, IOptions<TenantLimits>? limits = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _time = timeProvider;
        _secrets = secrets ?? new PlaintextSecretProtector();
        _limits = limits?.Value ?? new TenantLimits();
    }

    /// <summary>How old the definition <see cref="GetRecentAsync"/> answers may be when another process saved a newer one.</summary>
    public static TimeSpan RecentFor { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The operator's limits every saved definition must keep within.</summary>
    public TenantLimits Limits => _limits;

    /// <summary>Saves a tenant's definition (validated); returns its version, unchanged when the definition is the same.</summary>
    /// <exception cref="ArgumentException">The definition is not valid or exceeds <see cref="Limits"/>; the message lists every problem by path.</exception>
    public async Task<int> SaveAsync(TenantDefinition tenant, CancellationToken cancellationToken = default) =>
        (await SaveCoreAsync(tenant, null, reshard: false, cancellationToken).ConfigureAwait(false))!.Value;

    /// <summary>
    /// Saves a tenant's definition only if its current version is <paramref name="expectedVersion"/> (0: only if it
    /// does not exist yet): optimistic concurrency for read-modify-write edits. Returns the version saved (unchanged
    /// when the definition is the same), or null when someone else saved another version in between.
    /// </summary>
    /// <exception cref="ArgumentException">The definition is not valid or exceeds <see cref="Limits"/>.</exception>
    public Task<int?> SaveIfVersionAsync(TenantDefinition tenant, int expectedVersion, CancellationToken cancellationToken = default) =>
        SaveCoreAsync(tenant, expectedVersion, reshard: false, cancellationToken);

    /// <summary>
    /// Saves the tenant with a new shard count: only the re-shard job calls this, once every events file is in the
    /// new layout. Every other save refuses a change of <see cref="TenantDefinition.Shards"/> (<see cref="ShardsEdit"/>).
    /// </summary>
    public async Task<int> SaveReshardedAsync(TenantDefinition tenant, CancellationToken cancellationToken = default) =>
        (await SaveCoreAsync(tenant, null, reshard: true, cancellationToken).ConfigureAwait(false))!.Value;

    private async Task<int?> SaveCoreAsync(TenantDefinition tenant, int? expectedVersion, bool reshard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (DefinitionValidator.Validate(tenant).Concat(_limits.Check(tenant)).ToList() is { Count: > 0 } problems)
        {
            throw new ArgumentException("The tenant definition is not valid:\n  " + string.Join("\n  ", problems), nameof(tenant));
        }

        var plain = JsonSerializer.Serialize(tenant, ClickcastJson.Options);
        if (System.Text.Encoding.UTF8.GetByteCount(plain) > _limits.MaxDefinitionBytes)
        {
            throw new ArgumentException($"The tenant definition has {System.Text.Encoding.UTF8.GetByteCount(plain)} bytes as JSON; the operator's limit is {_limits.MaxDefinitionBytes} (Limits:MaxDefinitionBytes).", nameof(tenant));
        }

        var now = _time.GetUtcNow();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await _database.Dialect.LockAsync(transaction, "tenant:" + tenant.Id, cancellationToken).ConfigureAwait(false);
        int? current = null;
        string? currentJson = null;
        await using (var find = transaction.CreateCommand("SELECT version, definition FROM tenants WHERE id = @id"))
        {
            find.AddParameter("id", tenant.Id);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                current = reader.GetInt32(0);
                currentJson = reader.GetString(1);
            }
        }

        if (expectedVersion is { } expected && (current ?? 0) != expected)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        var currentDefinition = currentJson is null ? null : Decrypt(currentJson);
        if (!reshard && currentDefinition is not null && ShardsEdit.Problem(tenant.Id, currentDefinition.Shards, tenant.Shards) is { } shardsProblem)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw new ArgumentException(shardsProblem, nameof(tenant));
        }

        // Protected secrets differ on every save: compare what they protect.
        if (currentDefinition is not null && JsonSerializer.Serialize(currentDefinition, ClickcastJson.Options) == plain)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return current!.Value;
        }

        var version = (current ?? 0) + 1;
        var json = JsonSerializer.Serialize(DefinitionSecrets.Transform(tenant, s => DefinitionSecrets.ProtectedPrefix + _secrets.Protect(s)), ClickcastJson.Options);
        await using (var upsert = transaction.CreateCommand("""
            INSERT INTO tenants (id, definition, version, created_at, updated_at) VALUES (@id, @definition, @version, @now, @now)
            ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, version = excluded.version, updated_at = excluded.updated_at
            """))
        {
            upsert.AddParameter("id", tenant.Id).AddParameter("definition", json).AddParameter("version", version).AddParameter("now", now);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var history = transaction.CreateCommand("INSERT INTO tenant_versions (tenant, version, definition, created_at) VALUES (@id, @version, @definition, @now)"))
        {
            history.AddParameter("id", tenant.Id).AddParameter("version", version).AddParameter("definition", json).AddParameter("now", now);
            await history.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // A bounded history: every save must not grow the database forever.
        await using (var prune = transaction.CreateCommand("DELETE FROM tenant_versions WHERE tenant = @id AND version <= @oldest"))
        {
            prune.AddParameter("id", tenant.Id).AddParameter("oldest", version - _limits.MaxDefinitionVersions);
            await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _recent.TryRemove(tenant.Id, out _);
        return version;
    }

    /// <summary>
    /// Like <see cref="GetVersionedAsync"/>, from memory when read less than <see cref="RecentFor"/> ago: for hot
    /// read-only paths (real-time scoring) that must not read the database per request. A save through this
    /// catalog shows at once; one by another process within <see cref="RecentFor"/>. Treat the answer as read-only.
    /// </summary>
    public async Task<(TenantDefinition Definition, int Version)?> GetRecentAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (_recent.TryGetValue(tenant, out var recent) && _time.GetUtcNow() < recent.Until)
        {
            return (recent.Definition, recent.Version);
        }

        var found = await GetVersionedAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (found is { } current)
        {
            if (_recent.Count >= 10_000)
            {
                _recent.Clear();
            }

            _recent[tenant] = (current.Definition, current.Version, _time.GetUtcNow() + RecentFor);
        }

        return found;
    }

    /// <summary>A tenant's current definition, or null.</summary>
    public async Task<TenantDefinition?> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT definition FROM tenants WHERE id = @id");
        command.AddParameter("id", tenant);
        var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return json is null ? null : Decrypt(json);
    }

    /// <summary>A tenant's current definition with its version, or null.</summary>
    public async Task<(TenantDefinition Definition, int Version)?> GetVersionedAsync(string tenant, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT definition, version FROM tenants WHERE id = @id");
        command.AddParameter("id", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (Decrypt(reader.GetString(0)), reader.GetInt32(1)) : null;
    }

    /// <summary>Every tenant's current definition, by id.</summary>
    public async Task<IReadOnlyList<TenantDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT definition FROM tenants ORDER BY id");
        var result = new List<TenantDefinition>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(Decrypt(reader.GetString(0)));
        }

        return result;
    }

    /// <summary>One task of a tenant, or null.</summary>
    public async Task<TaskDefinition?> GetTaskAsync(string tenant, string task, CancellationToken cancellationToken = default) =>
        (await GetAsync(tenant, cancellationToken).ConfigureAwait(false))?.Tasks.FirstOrDefault(t => t.Id == task);

    /// <summary>Versions of a tenant's definition, newest first: (version, when).</summary>
    public async Task<IReadOnlyList<(int Version, DateTimeOffset CreatedAt)>> VersionsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT version, created_at FROM tenant_versions WHERE tenant = @id ORDER BY version DESC");
        command.AddParameter("id", tenant);
        var result = new List<(int, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add((reader.GetInt32(0), reader.GetTime(1)));
        }

        return result;
    }

    /// <summary>A stored definition with its secrets decrypted (secrets stored before encryption pass as they are).</summary>
    private TenantDefinition Decrypt(string json) =>
        DefinitionSecrets.Transform(
            JsonSerializer.Deserialize<TenantDefinition>(json, ClickcastJson.Options)!,
            s => s.StartsWith(DefinitionSecrets.ProtectedPrefix, StringComparison.Ordinal) ? _secrets.Unprotect(s[DefinitionSecrets.ProtectedPrefix.Length..]) : s);
}
