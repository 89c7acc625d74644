using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Clickcast.Metadata;

/// <summary>Brings a database to the newest schema version, in one transaction that other migrators wait for.</summary>
internal static class MetadataMigrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )
        """;

    public static async Task MigrateAsync(MetadataDatabase database, IReadOnlyList<MetadataMigration> migrations, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        await using var connection = await database.OpenUnmigratedAsync(cancellationToken).ConfigureAwait(false);
        if (dialect.Provider == MetadataProvider.Sqlite)
        {
            // A property of the file, not of a transaction: it cannot change inside one.
            await using var wal = connection.CreateCommand("PRAGMA journal_mode = WAL");
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await dialect.LockAsync(transaction, "schema_version", cancellationToken).ConfigureAwait(false);
        await using (var create = transaction.CreateCommand(CreateVersionTable))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = await AppliedVersionsAsync(transaction, cancellationToken).ConfigureAwait(false);
        foreach (var migration in migrations)
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }

            await using (var apply = transaction.CreateCommand(dialect.Translate(migration.Sql)))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = transaction.CreateCommand("INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at)"))
            {
                record.AddParameter("version", migration.Version).AddParameter("name", migration.Name).AddParameter("at", time.GetUtcNow());
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            Log.MigrationApplied(logger, dialect.Provider, migration.Version, migration.Name);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var newest = applied.Count == 0 ? 0 : applied.Max();
        if (newest > known)
        {
            Log.SchemaNewerThanBuild(logger, dialect.Provider, newest, known);
        }
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await using var command = transaction.CreateCommand("SELECT version FROM schema_version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
