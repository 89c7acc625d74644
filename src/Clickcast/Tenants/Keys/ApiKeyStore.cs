using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Clickcast.Metadata;
using Clickcast.Storage;

namespace Clickcast.Tenants.Keys;

/// <summary>
/// API keys in the metadata database. A key is <c>ck_</c> and 48 random hex digits (192 bits); only its SHA-256 is
/// stored, with the first 11 characters as a prefix to show and to find candidates by. Checking a presented key
/// compares hashes in constant time; revoking keeps the row. A key that authenticated is remembered in memory for
/// <see cref="CacheDuration"/>, so a busy API does not read the database per request: revoking it through this
/// instance forgets it at once; a revocation by another process (the CLI, another server) holds within
/// <see cref="CacheDuration"/>.
/// </summary>
public sealed class ApiKeyStore
{
    /// <summary>Every key starts with this.</summary>
    public const string KeyStart = "ck_";

    private const int PrefixLength = 11;
    private const int MaxCachedKeys = 10_000;
    private const string Columns = "id, prefix, scope, tenant, name, created_at, created_by, revoked_at";

    private readonly MetadataDatabase _database;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset Until)> _authenticated = new(StringComparer.Ordinal);
    private long _revocations;

    public ApiKeyStore(MetadataDatabase database, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _time = timeProvider;
    }

    /// <summary>How long a key that authenticated is trusted without reading the database again.</summary>
    public static TimeSpan CacheDuration { get; } = TimeSpan.FromSeconds(5);

    /// <summary>True when <paramref name="key"/> looks like a Clickcast key (it may still be unknown).</summary>
    public static bool IsWellFormed(string? key) =>
        key is { Length: >= 35 and <= 128 } && key.StartsWith(KeyStart, StringComparison.Ordinal) && key.Skip(KeyStart.Length).All(char.IsAsciiLetterOrDigit);

    /// <summary>Issues a new key; its secret is in the result and nowhere else.</summary>
    /// <exception cref="ArgumentException">A tenant key without a valid tenant, or an admin key with one.</exception>
    public Task<IssuedApiKey> CreateAsync(ApiKeyScope scope, string? tenant, string name, string createdBy, CancellationToken cancellationToken = default) =>
        AddAsync(KeyStart + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), scope, tenant, name, createdBy, cancellationToken);

    /// <summary>
    /// Registers a key chosen elsewhere (an admin key from configuration). Idempotent: the same key again returns
    /// the existing record, revoked or not.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not well formed (<c>ck_</c> and at least 32 letters or digits).</exception>
    public async Task<ApiKey> ImportAsync(string secret, ApiKeyScope scope, string? tenant, string name, string createdBy, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(secret))
        {
            throw new ArgumentException($"A configured key must start with '{KeyStart}' followed by at least 32 letters or digits (try 'clickcast keys generate').", nameof(secret));
        }

        await using (var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var find = connection.CreateCommand($"SELECT {Columns} FROM api_keys WHERE hash = @hash"))
        {
            find.AddParameter("hash", Hash(secret));
            var existing = await ReadAllAsync(find, cancellationToken).ConfigureAwait(false);
            if (existing.Count > 0)
            {
                return existing[0];
            }
        }

        return (await AddAsync(secret, scope, tenant, name, createdBy, cancellationToken).ConfigureAwait(false)).Key;
    }

    /// <summary>The key a request presented, or null when it is malformed, unknown or revoked.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(presented))
        {
            return null;
        }

        var hashHex = Hash(presented!);
        if (_authenticated.TryGetValue(hashHex, out var cached) && _time.GetUtcNow() < cached.Until)
        {
            return cached.Key;
        }

        var revocations = Interlocked.Read(ref _revocations);
        var hash = Convert.FromHexString(hashHex);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns}, hash FROM api_keys WHERE prefix = @prefix");
        command.AddParameter("prefix", presented![..PrefixLength]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        ApiKey? match = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Every candidate is compared, in constant time, so timing tells nothing about which bytes matched.
            if (CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(reader.GetString(8))))
            {
                match = Read(reader);
            }
        }

        if (match is not { RevokedAt: null })
        {
            _authenticated.TryRemove(hashHex, out _);
            return null;
        }

        // Not when a revocation ran meanwhile: the row read may predate it.
        if (Interlocked.Read(ref _revocations) == revocations)
        {
            if (_authenticated.Count >= MaxCachedKeys)
            {
                _authenticated.Clear();
            }

            _authenticated[hashHex] = (match, _time.GetUtcNow() + CacheDuration);
            if (Interlocked.Read(ref _revocations) != revocations)
            {
                _authenticated.TryRemove(hashHex, out _); // a revocation slipped in between the check and the write
            }
        }

        return match;
    }

    /// <summary>Keys, newest first: a tenant's, or (<paramref name="tenant"/> null) the admin keys.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(tenant is null
            ? $"SELECT {Columns} FROM api_keys WHERE scope = 'Admin' ORDER BY id DESC"
            : $"SELECT {Columns} FROM api_keys WHERE scope <> 'Admin' AND tenant = @tenant ORDER BY id DESC");
        if (tenant is not null)
        {
            command.AddParameter("tenant", tenant);
        }

        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One key by id, or null.</summary>
    public async Task<ApiKey?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM api_keys WHERE id = @id");
        command.AddParameter("id", id);
        var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>Revokes a key: from now on it authenticates nothing. False when there is no such active key.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL");
        command.AddParameter("id", id).AddParameter("now", _time.GetUtcNow());
        var revoked = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        Forget(id);
        return revoked;
    }

    /// <summary>How many keys of <paramref name="tenant"/> are active (not revoked), whatever their scope.</summary>
    public async Task<int> CountActiveAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT COUNT(*) FROM api_keys WHERE tenant = @tenant AND revoked_at IS NULL");
        command.AddParameter("tenant", tenant);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True when at least one admin key is active.</summary>
    public async Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT COUNT(*) FROM api_keys WHERE scope = 'Admin' AND revoked_at IS NULL");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Drops a key from the memory of authenticated keys (and stops any authentication in flight from adding it back).</summary>
    private void Forget(long id)
    {
        Interlocked.Increment(ref _revocations);
        foreach (var entry in _authenticated)
        {
            if (entry.Value.Key.Id == id)
            {
                _authenticated.TryRemove(entry);
            }
        }
    }

    /// <summary>SHA-256 of the key's UTF-8 bytes, lowercase hex. The key's 192 random bits make a slow hash unnecessary.</summary>
    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task<IssuedApiKey> AddAsync(string secret, ApiKeyScope scope, string? tenant, string name, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (scope.IsTenantScope())
        {
            TenantLayout.ValidateTenant(tenant!, nameof(tenant));
        }
        else if (tenant is not null)
        {
            throw new ArgumentException("An admin key belongs to no tenant.", nameof(tenant));
        }

        var now = _time.GetUtcNow();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.CreateCommand($"""
            INSERT INTO api_keys (prefix, hash, scope, tenant, name, created_at, created_by)
            VALUES (@prefix, @hash, @scope, @tenant, @name, @now, @by)
            RETURNING {Columns}
            """);
        insert.AddParameter("prefix", secret[..PrefixLength]).AddParameter("hash", Hash(secret)).AddParameter("scope", scope.ToString())
            .AddParameter("tenant", tenant).AddParameter("name", name.Trim()).AddParameter("now", now).AddParameter("by", createdBy);
        var created = await ReadAllAsync(insert, cancellationToken).ConfigureAwait(false);
        return new IssuedApiKey(created[0], secret);
    }

    private static async Task<List<ApiKey>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    private static ApiKey Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        Enum.Parse<ApiKeyScope>(reader.GetString(2)),
        reader.GetNullableString(3),
        reader.GetString(4),
        reader.GetTime(5),
        reader.GetString(6),
        reader.GetNullableTime(7));
}
