using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Clickcast.Metadata;

/// <summary>
/// SQLite: one writer at a time per database file, across processes. Write transactions start with
/// <c>BEGIN IMMEDIATE</c>, so they take the file's write lock before reading and never deadlock upgrading a
/// read lock; other connections wait up to the busy timeout.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _pragmas;

    public SqliteDialect(TimeSpan busyTimeout)
    {
        // WAL lets readers run beside the writer; NORMAL sync in WAL survives a process crash, and a power loss can
        // only forget the last commits, which every writer here redoes idempotently.
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
    }

    public override MetadataProvider Provider => MetadataProvider.Sqlite;

    public override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string ForUpdateSkipLocked => string.Empty;

    public override async Task ConfigureConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Serializable and not deferred is Microsoft.Data.Sqlite's BEGIN IMMEDIATE.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);
        return Task.FromResult(transaction);
    }

    /// <summary>Nothing to do: <c>BEGIN IMMEDIATE</c> already holds the one write lock of the file.</summary>
    public override Task LockAsync(DbTransaction transaction, string resource, CancellationToken cancellationToken) => Task.CompletedTask;
}
