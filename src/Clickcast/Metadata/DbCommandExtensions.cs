using System.Data;
using System.Data.Common;

namespace Clickcast.Metadata;

/// <summary>The little ADO.NET plumbing the metadata SQL needs, the same for every provider.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand CreateCommand(this DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public static DbCommand CreateCommand(this DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbCommand AddParameter(this DbCommand command, string name, string? value) => Add(command, name, DbType.String, value);

    public static DbCommand AddParameter(this DbCommand command, string name, long value) => Add(command, name, DbType.Int64, value);

    public static DbCommand AddParameter(this DbCommand command, string name, long? value) => Add(command, name, DbType.Int64, value);

    public static DbCommand AddParameter(this DbCommand command, string name, int value) => Add(command, name, DbType.Int32, value);

    public static DbCommand AddParameter(this DbCommand command, string name, double value) => Add(command, name, DbType.Double, value);

    public static DbCommand AddParameter(this DbCommand command, string name, double? value) => Add(command, name, DbType.Double, value);

    public static DbCommand AddParameter(this DbCommand command, string name, int? value) => Add(command, name, DbType.Int32, value);

    public static double? GetNullableDouble(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    public static int? GetNullableInt32(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static DbCommand AddParameter(this DbCommand command, string name, DateTimeOffset? value) =>
        Add(command, name, DbType.Int64, value is { } time ? DbTime.From(time) : null);

    public static string? GetNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) => DbTime.To(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableTime(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : DbTime.To(reader.GetInt64(ordinal));

    private static DbCommand Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        // An explicit type keeps PostgreSQL from guessing one for NULL.
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
