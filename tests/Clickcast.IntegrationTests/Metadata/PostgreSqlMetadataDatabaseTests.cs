using Clickcast.Metadata;
using Clickcast.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Metadata;

public sealed class PostgreSqlMetadataDatabaseTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private PostgresTestDatabase? _database;

    public async ValueTask InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_ManyProcessesStartingAtOnce_MigrateOnce()
    {
        var databases = Enumerable.Range(0, 4).Select(_ => MetadataDatabase.PostgreSql(_database!.ConnectionString, _time)).ToList();

        await Task.WhenAll(databases.Select(d => Task.Run(() => d.MigrateAsync(TestContext.Current.CancellationToken))));

        await using (var connection = await databases[0].OpenConnectionAsync(TestContext.Current.CancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM schema_version";
            Assert.Equal((long)MetadataMigration.All.Count, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(MetadataProvider.PostgreSql, databases[0].Provider);
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }
}
