using Clickcast.IntegrationTests.Support;
using Clickcast.Metadata;
using Clickcast.Tests.Pipeline.Triggers;

namespace Clickcast.IntegrationTests.Pipeline.Triggers;

/// <summary>Raw usage on PostgreSQL (<c>CLICKCAST_TEST_POSTGRES</c>), each test in its own schema.</summary>
public sealed class PostgreSqlRawUsageTests : RawUsageContractTests
{
    private PostgresTestDatabase? _database;

    public override async ValueTask InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    protected override MetadataDatabase OpenDatabaseCore() => MetadataDatabase.PostgreSql(_database!.ConnectionString, Time);

    protected override async ValueTask DisposeDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
