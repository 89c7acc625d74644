using System.Data.Common;
using Clickcast.Metadata;

namespace Clickcast.Tenants.Audit;

/// <summary>The audit log in the metadata database: who changed what, when, and how it ended. Append only.</summary>
public sealed class AuditLog(MetadataDatabase database, TimeProvider timeProvider)
{
    /// <summary>Longest action, target or detail kept; longer ones are cut (a path or message is tenant input).</summary>
    public const int MaxTextLength = 500;

    /// <summary>Most entries one read returns.</summary>
    public const int MaxPage = 500;

    private const string Columns = "id, at, key_id, key_prefix, tenant, action, target, outcome, status, detail";

    /// <summary>Records an action now.</summary>
    public async Task<AuditEntry> RecordAsync(long? keyId, string? keyPrefix, string? tenant, string action, string target, AuditOutcome outcome, int? status, string? detail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.CreateCommand($"""
            INSERT INTO audit_log (at, key_id, key_prefix, tenant, action, target, outcome, status, detail)
            VALUES (@at, @key, @prefix, @tenant, @action, @target, @outcome, @status, @detail)
            RETURNING {Columns}
            """);
        insert.AddParameter("at", timeProvider.GetUtcNow()).AddParameter("key", keyId).AddParameter("prefix", keyPrefix).AddParameter("tenant", tenant)
            .AddParameter("action", Cut(action)).AddParameter("target", Cut(target)).AddParameter("outcome", outcome.ToString())
            .AddParameter("status", status).AddParameter("detail", detail is null ? null : Cut(detail));
        return (await ReadAllAsync(insert, cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>Entries newest first: a tenant's, or (<paramref name="tenant"/> null) everyone's; only ids below <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? tenant, int limit, long? before = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPage);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var tenantFilter = tenant is null ? "1 = 1" : "tenant = @tenant";
        var beforeFilter = before is null ? "1 = 1" : "id < @before";
        await using var command = connection.CreateCommand($"""
            SELECT {Columns} FROM audit_log WHERE {tenantFilter} AND {beforeFilter}
            ORDER BY id DESC LIMIT {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            """);
        if (tenant is not null)
        {
            command.AddParameter("tenant", tenant);
        }

        if (before is not null)
        {
            command.AddParameter("before", before.Value);
        }

        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the entries recorded more than <paramref name="retention"/> ago (before now minus it).</summary>
    /// <returns>How many were deleted.</returns>
    public async Task<int> PurgeAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = connection.CreateCommand("DELETE FROM audit_log WHERE at < @cutoff");
        delete.AddParameter("cutoff", timeProvider.GetUtcNow() - retention);
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Cut(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength];

    private static async Task<List<AuditEntry>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), reader.GetTime(1), reader.GetNullableInt64(2), reader.GetNullableString(3), reader.GetNullableString(4),
                reader.GetString(5), reader.GetString(6), Enum.Parse<AuditOutcome>(reader.GetString(7)), reader.GetNullableInt32(8), reader.GetNullableString(9)));
        }

        return entries;
    }
}
