using Clickcast.IntegrationTests.Support;
using Clickcast.Metadata;
using Clickcast.Tests.Registry;

namespace Clickcast.IntegrationTests.Registry;

/// <summary>The model registry on PostgreSQL (<c>CLICKCAST_TEST_POSTGRES</c>), each test in its own schema.</summary>
public sealed class PostgreSqlModelRegistryTests : ModelRegistryContractTests
{
    private PostgresTestDatabase? _database;

    protected override async ValueTask CreateDatabaseAsync() => _database = await PostgresTestDatabase.CreateAsync();

    protected override MetadataDatabase OpenDatabase() => MetadataDatabase.PostgreSql(_database!.ConnectionString, Time);

    protected override async ValueTask DisposeDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
