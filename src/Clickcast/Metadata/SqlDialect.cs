using System.Data.Common;

namespace Clickcast.Metadata;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL. Everything else (upserts with
/// <c>ON CONFLICT</c>, <c>RETURNING</c>, <c>LIMIT</c>) is written once in the portable subset both accept.
/// </summary>
internal abstract class SqlDialect
{
    public abstract MetadataProvider Provider { get; }

    /// <summary>Column definition of an auto-numbered 64-bit primary key; replaces <c>{{identity}}</c> in migrations.</summary>
    public abstract string IdentityColumn { get; }

    /// <summary>Appended to a <c>SELECT</c> whose rows the transaction is about to claim; empty where the whole database is locked.</summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>Sets per-connection settings right after a connection opens.</summary>
    public virtual Task ConfigureConnectionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Begins a transaction that is about to write, taking the write lock up front where the database has one.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Serializes, until the transaction ends, every transaction that locks the same <paramref name="resource"/>.
    /// </summary>
    public abstract Task LockAsync(DbTransaction transaction, string resource, CancellationToken cancellationToken);

    /// <summary>Turns a migration's portable SQL into this dialect's.</summary>
    public string Translate(string sql) => sql.Replace("{{identity}}", IdentityColumn, StringComparison.Ordinal);
}
