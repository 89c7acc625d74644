using Clickcast.Metadata;

namespace Clickcast.Tests.Pipeline.Triggers;

/// <summary>Raw usage on a SQLite file.</summary>
public sealed class SqliteRawUsageTests : RawUsageContractTests
{
    public override ValueTask InitializeAsync() => ValueTask.CompletedTask;

    protected override MetadataDatabase OpenDatabaseCore() => MetadataDatabase.Sqlite(DatabaseFile, Time);

    protected override ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;
}
