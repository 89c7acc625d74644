using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Clickcast.Metadata;

/// <summary>
/// The metadata database (jobs, sensor ledger, and later the model registry, tenants, deliveries): an embedded
/// SQLite file by default, PostgreSQL when several machines share it. Callers write plain SQL in the subset both
/// accept; the few differences (locking, identity columns) sit in an internal dialect.
/// </summary>
/// <remarks>
/// Pending migrations (<c>Metadata/Migrations/NNNN_name.sql</c>) are applied once, before the first connection
/// is handed out, so the database is ready to use right after construction. Several processes may start at
/// once: migrating takes the database's write lock (SQLite) or an advisory lock (PostgreSQL).
/// </remarks>
public sealed class MetadataDatabase : IDisposable, IAsyncDisposable
{
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly string? _sqliteConnectionString;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task? _migration;

    private MetadataDatabase(SqlDialect dialect, Func<CancellationToken, ValueTask<DbConnection>> open, NpgsqlDataSource? dataSource, string? sqliteConnectionString, TimeProvider timeProvider, ILogger? logger)
    {
        Dialect = dialect;
        _open = open;
        _dataSource = dataSource;
        _sqliteConnectionString = sqliteConnectionString;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Which database this is.</summary>
    public MetadataProvider Provider => Dialect.Provider;

    internal SqlDialect Dialect { get; }

    /// <summary>Opens (and creates if needed) a SQLite database file.</summary>
    /// <param name="path">The database file (0600 on Unix); its folder is created (0700) if missing.</param>
    /// <param name="timeProvider">Stamps applied migrations.</param>
    /// <param name="busyTimeout">How long a statement waits for another connection's write lock; 30 s when null.</param>
    /// <param name="logger">Receives migration messages.</param>
    public static MetadataDatabase Sqlite(string path, TimeProvider timeProvider, TimeSpan? busyTimeout = null, ILogger<MetadataDatabase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var fullPath = Path.GetFullPath(path);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(fullPath)!);

        // SQLite gives its journal and WAL files the database file's mode: a private database keeps them private.
        if (!File.Exists(fullPath))
        {
            try
            {
                using (new FileStream(fullPath, PrivateFiles.NewFile()))
                {
                }
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                // Another process created it first.
            }
        }

        PrivateFiles.Restrict(fullPath, folder: false);
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(30);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(busyTimeout));
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite also retries a busy database until the command timeout.
            DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds),
        }.ToString();
        var dialect = new SqliteDialect(timeout);
        return new MetadataDatabase(
            dialect,
            async cancellationToken =>
            {
                var connection = new SqliteConnection(connectionString);
                try
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await dialect.ConfigureConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
                    return connection;
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            },
            dataSource: null,
            connectionString,
            timeProvider,
            logger);
    }

    /// <summary>Connects to a PostgreSQL database; the database must exist, the tables are created.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="timeProvider">Stamps applied migrations.</param>
    /// <param name="logger">Receives migration messages.</param>
    public static MetadataDatabase PostgreSql(string connectionString, TimeProvider timeProvider, ILogger<MetadataDatabase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return new MetadataDatabase(
            new PostgreSqlDialect(),
            async cancellationToken => await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false),
            dataSource,
            sqliteConnectionString: null,
            timeProvider,
            logger);
    }

    /// <summary>Opens a connection to a database whose migrations have been applied; the caller disposes it.</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await _open(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies pending migrations; idempotent, and done at most once per instance (again only after a failure).
    /// Opening a connection does it too; hosts call this at start-up to fail fast on a database they cannot use.
    /// </summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var migration = Volatile.Read(ref _migration);
        if (migration is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                // Not the caller's token: one caller giving up must not fail the migration for everyone waiting.
                _migration = Task.Run(() => MetadataMigrator.MigrateAsync(this, MetadataMigration.All, _time, _logger, CancellationToken.None), CancellationToken.None);
            }

            migration = _migration;
        }

        return migration.WaitAsync(cancellationToken);
    }

    /// <summary>Opens a connection without checking migrations (the migrator's own).</summary>
    internal ValueTask<DbConnection> OpenUnmigratedAsync(CancellationToken cancellationToken) => _open(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _dataSource?.Dispose();
        ClearSqlitePool();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        ClearSqlitePool();
    }

    /// <summary>Pooled connections keep the file open; they go with the database.</summary>
    private void ClearSqlitePool()
    {
        if (_sqliteConnectionString is not null)
        {
            using var pooled = new SqliteConnection(_sqliteConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
    }
}
