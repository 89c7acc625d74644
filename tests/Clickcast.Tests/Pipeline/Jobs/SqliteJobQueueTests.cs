using Clickcast.Metadata;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Pipeline.Jobs;

/// <summary>The job queue on a SQLite file; every handle is a separate connection pool, as separate processes would have.</summary>
public sealed class SqliteJobQueueTests : JobQueueContractTests
{
    private readonly TempFolder _folder = new();

    public override ValueTask InitializeAsync() => ValueTask.CompletedTask;

    protected override MetadataDatabase OpenDatabaseCore() => MetadataDatabase.Sqlite(_folder.File("clickcast.db"), Time);

    protected override ValueTask DisposeDatabaseAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
