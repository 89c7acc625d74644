using System.Threading.Channels;
using Clickcast.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline.Jobs;

/// <summary>
/// A logging provider that keeps what is logged inside a job's attempt (Information and up) as the job's log, in
/// the metadata database (<c>job_logs</c>), so a run's detail can show it. Lines are written in batches off the
/// logging thread; when the buffer is full, lines are dropped rather than slowing the pipeline down.
/// </summary>
public sealed class JobLogProvider : ILoggerProvider, ISupportExternalScope
{
    /// <summary>Longest message kept, in characters.</summary>
    public const int MaxMessageLength = 2000;

    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly Channel<(long JobId, JobLogEntry Entry)> _lines = Channel.CreateBounded<(long, JobLogEntry)>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Task _writer;
    private IExternalScopeProvider? _scopes;

    public JobLogProvider(IServiceProvider services, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _services = services;
        _time = timeProvider;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>A job's log, oldest line first.</summary>
    public static async Task<IReadOnlyList<JobLogEntry>> ReadAsync(MetadataDatabase database, long jobId, int limit = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT at, level, category, message FROM job_logs WHERE job_id = @job ORDER BY id LIMIT @limit");
        command.AddParameter("job", jobId).AddParameter("limit", limit);
        var lines = new List<JobLogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lines.Add(new JobLogEntry(reader.GetTime(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return lines;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new JobLogger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Writes what is buffered and stops.</summary>
    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(5));
    }

    private void Add(string category, LogLevel level, string message, Exception? exception)
    {
        var found = FindJob();
        if (found is null)
        {
            return;
        }

        if (exception is not null)
        {
            message += $" ({exception.GetType().Name}: {exception.Message})";
        }

        if (message.Length > MaxMessageLength)
        {
            message = message[..MaxMessageLength] + "…";
        }

        _lines.Writer.TryWrite((found.Value, new JobLogEntry(_time.GetUtcNow(), level.ToString(), category[(category.LastIndexOf('.') + 1)..], message)));
    }

    private long? FindJob()
    {
        var box = new StrongBoxOf(null);
        _scopes?.ForEachScope(static (scope, state) =>
        {
            if (scope is JobLogScope s)
            {
                state.Value = s.JobId;
            }
        }, box);
        return box.Value;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(long JobId, JobLogEntry Entry)>();
        while (await _lines.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < 500 && _lines.Reader.TryRead(out var line))
            {
                batch.Add(line);
            }

            try
            {
                var database = _services.GetRequiredService<MetadataDatabase>();
                await using var connection = await database.OpenConnectionAsync().ConfigureAwait(false);
                await using var transaction = await database.Dialect.BeginWriteAsync(connection, CancellationToken.None).ConfigureAwait(false);
                foreach (var (jobId, entry) in batch)
                {
                    await using var insert = transaction.CreateCommand("INSERT INTO job_logs (job_id, at, level, category, message) VALUES (@job, @at, @level, @category, @message)");
                    insert.AddParameter("job", jobId).AddParameter("at", entry.At).AddParameter("level", entry.Level)
                        .AddParameter("category", entry.Category).AddParameter("message", entry.Message);
                    await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                await transaction.CommitAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or System.Data.Common.DbException)
            {
                // A job log is a convenience: when the database is gone (shutting down) or busy, the lines are lost.
            }

            batch.Clear();
        }
    }

    private sealed class StrongBoxOf(long? value)
    {
        public long? Value { get; set; } = value;
    }

    private sealed class JobLogger(JobLogProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Add(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
