using Clickcast.Metadata;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Tenants.Audit;

/// <summary>The audit log on a SQLite file.</summary>
public sealed class SqliteAuditLogTests : AuditLogContractTests
{
    private readonly TempFolder _folder = new();

    protected override ValueTask CreateDatabaseAsync() => ValueTask.CompletedTask;

    protected override MetadataDatabase OpenDatabase() => MetadataDatabase.Sqlite(_folder.File("clickcast.db"), Time);

    [Fact]
    public async Task RetentionPurge_SearchesTheTimeIndex_NotTheWholeLog()
    {
        var token = TestContext.Current.CancellationToken;
        await using var database = MetadataDatabase.Sqlite(_folder.File("clickcast.db"), new FakeTimeProvider());
        await database.MigrateAsync(token);
        await using var connection = await database.OpenConnectionAsync(token);
        await using var command = connection.CreateCommand("EXPLAIN QUERY PLAN DELETE FROM audit_log WHERE at < 1");
        await using var reader = await command.ExecuteReaderAsync(token);
        var plan = new List<string>();
        while (await reader.ReadAsync(token))
        {
            plan.Add(reader.GetString(reader.FieldCount - 1));
        }

        Assert.Contains(plan, step => step.Contains("ix_audit_log_at", StringComparison.Ordinal));
    }

    protected override ValueTask DisposeDatabaseAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
