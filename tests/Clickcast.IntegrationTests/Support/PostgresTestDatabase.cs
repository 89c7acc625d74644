using Npgsql;

namespace Clickcast.IntegrationTests.Support;

/// <summary>
/// A fresh schema in the PostgreSQL database named by <c>CLICKCAST_TEST_POSTGRES</c> (which <c>./test.sh</c>
/// starts), dropped afterwards, so tests never see each other's tables. Without the variable every PostgreSQL test
/// fails: they must never pass without a server.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "CLICKCAST_TEST_POSTGRES";

    private readonly string _adminConnectionString;
    private readonly string _schema;

    private PostgresTestDatabase(string adminConnectionString, string schema, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        _schema = schema;
        ConnectionString = connectionString;
    }

    /// <summary>Connects with the test's schema first on the search path: unqualified tables land there.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests have no server. Run ./test.sh, which starts a throwaway PostgreSQL " +
                $"(tests/services/services.sh), or set {Variable} to an Npgsql connection string of a database where the tests may create schemas.");
        }

        var schema = "test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema, MaxPoolSize = 20 };
        return new PostgresTestDatabase(connectionString, schema, builder.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
