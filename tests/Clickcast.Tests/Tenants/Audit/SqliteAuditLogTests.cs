using Clickcast.Metadata;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Tenants.Audit;

/// <summary>The audit log on a SQLite file.</summary>
public sealed class SqliteAuditLogTests : AuditLogContractTests
{
    private readonly TempFolder _folder = new();

    protected override ValueTask CreateDatabaseAsync() => ValueTask.CompletedTask;

    protected override MetadataDatabase OpenDatabase() => MetadataDatabase.Sqlite(_folder.File("clickcast.db"), Time);

    protected override ValueTask DisposeDatabaseAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
