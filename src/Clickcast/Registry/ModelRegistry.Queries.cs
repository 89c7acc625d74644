using System.Data.Common;
using Clickcast.Metadata;

namespace Clickcast.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>The task's champion, or null before the first promotion.</summary>
    public async Task<ModelVersion?> GetChampionAsync(string tenant, string task, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"""
            SELECT {Columns} FROM models
            WHERE tenant = @tenant AND task = @task AND version = (SELECT version FROM champions WHERE tenant = @tenant AND task = @task)
            """);
        command.AddParameter("tenant", tenant).AddParameter("task", task);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One version, or null.</summary>
    public async Task<ModelVersion?> GetAsync(string tenant, string task, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM models WHERE tenant = @tenant AND task = @task AND version = @version");
        command.AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("version", version);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every version of a task, newest first.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(string tenant, string task, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM models WHERE tenant = @tenant AND task = @task ORDER BY version DESC");
        command.AddParameter("tenant", tenant).AddParameter("task", task);
        var result = new List<ModelVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    /// <summary>The task's model history, oldest first.</summary>
    public async Task<IReadOnlyList<ModelHistoryEntry>> HistoryAsync(string tenant, string task, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT tenant, task, version, action, detail, actor, at FROM model_history WHERE tenant = @tenant AND task = @task ORDER BY id");
        command.AddParameter("tenant", tenant).AddParameter("task", task);
        var result = new List<ModelHistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new ModelHistoryEntry(reader.GetString(0), reader.GetString(1), reader.GetNullableInt32(2), Enum.Parse<ModelHistoryAction>(reader.GetString(3)), reader.GetNullableString(4), reader.GetString(5), reader.GetTime(6)));
        }

        return result;
    }

    private static async Task<ModelVersion?> FindAsync(DbTransaction transaction, string tenant, string task, int version, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand($"SELECT {Columns} FROM models WHERE tenant = @tenant AND task = @task AND version = @version");
        command.AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("version", version);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int?> ChampionVersionAsync(DbTransaction transaction, string tenant, string task, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand("SELECT version FROM champions WHERE tenant = @tenant AND task = @task");
        command.AddParameter("tenant", tenant).AddParameter("task", task);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<ModelVersion?> ReadOneAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static ModelVersion Read(DbDataReader reader) => new()
    {
        Tenant = reader.GetString(0),
        Task = reader.GetString(1),
        Version = reader.GetInt32(2),
        Status = Enum.Parse<ModelStatus>(reader.GetString(3)),
        Family = reader.GetNullableString(4),
        FolderKey = reader.GetString(5),
        JobId = reader.GetNullableInt64(6),
        WarmStartedFrom = reader.GetNullableInt32(7),
        ValidationAuc = reader.GetNullableDouble(8),
        TestAuc = reader.GetNullableDouble(9),
        ChampionAucOnSameTest = reader.GetNullableDouble(10),
        DataGeneration = reader.GetNullableInt64(11),
        DataEvents = reader.GetNullableInt64(12),
        Decision = reader.GetNullableString(13),
        CreatedAt = reader.GetTime(14),
    };
}
