using Clickcast.Metadata;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Tenants;

/// <summary>The definition hot read-only paths get from memory: a save through the same catalog shows at once, another process's within <see cref="TenantCatalog.RecentFor"/>.</summary>
public sealed class TenantCatalogRecentTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MetadataDatabase _database;

    public TenantCatalogRecentTests() => _database = MetadataDatabase.Sqlite(_folder.File("clickcast.db"), _time);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetRecentAsync_AfterASaveThroughTheSameCatalog_AnswersTheNewVersionAtOnce()
    {
        var catalog = new TenantCatalog(_database, _time);
        var tenant = TenantLimitsTests.Tenant();
        await catalog.SaveAsync(tenant, Token);
        Assert.Equal(1, (await catalog.GetRecentAsync("acme", Token))!.Value.Version);

        tenant.DisplayName = "renamed";
        await catalog.SaveAsync(tenant, Token);

        var recent = (await catalog.GetRecentAsync("acme", Token))!.Value;
        Assert.Equal((2, "renamed"), (recent.Version, recent.Definition.DisplayName));
    }

    [Fact]
    public async Task GetRecentAsync_SavedByAnotherProcess_AnswersFromMemoryUntilRecentForPassed()
    {
        var server = new TenantCatalog(_database, _time);
        var cli = new TenantCatalog(_database, _time); // another process: same database, its own memory
        var tenant = TenantLimitsTests.Tenant();
        await server.SaveAsync(tenant, Token);
        Assert.Equal(1, (await server.GetRecentAsync("acme", Token))!.Value.Version);

        tenant.DisplayName = "renamed elsewhere";
        await cli.SaveAsync(tenant, Token);
        var remembered = (await server.GetRecentAsync("acme", Token))!.Value.Version;
        _time.Advance(TenantCatalog.RecentFor);
        var reread = (await server.GetRecentAsync("acme", Token))!.Value.Version;

        Assert.Equal((1, 2), (remembered, reread));
        Assert.Null(await server.GetRecentAsync("nobody", Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Dispose();
    }
}
