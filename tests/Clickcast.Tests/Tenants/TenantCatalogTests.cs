using Clickcast.Metadata;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Tenants;

public sealed class TenantCatalogTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MetadataDatabase _database;

    public TenantCatalogTests() => _database = MetadataDatabase.Sqlite(_folder.File("clickcast.db"), _time);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_ManyChanges_KeepsOnlyTheLatestVersions()
    {
        var catalog = await CatalogAsync(new TenantLimits { MaxDefinitionVersions = 3 });
        var tenant = TenantLimitsTests.Tenant();
        for (var i = 0; i < 6; i++)
        {
            tenant.DisplayName = "version " + i;
            await catalog.SaveAsync(tenant, Token);
        }

        Assert.Equal([6, 5, 4], (await catalog.VersionsAsync("acme", Token)).Select(v => v.Version));
        Assert.Equal("version 5", (await catalog.GetAsync("acme", Token))!.DisplayName);
    }

    [Fact]
    public async Task SaveAsync_OverTheLimits_ThrowsNamingTheFieldAndSavesNothing()
    {
        var catalog = await CatalogAsync(new TenantLimits { MaxDefinitionBytes = 2048 });
        var huge = TenantLimitsTests.Tenant();
        huge.DisplayName = new string('x', 4096);
        var wide = TenantLimitsTests.Tenant();
        wide.Tasks[0].Model.Gru.Layers = 8;

        var tooLarge = await Assert.ThrowsAsync<ArgumentException>(() => catalog.SaveAsync(huge, Token));
        var tooWide = await Assert.ThrowsAsync<ArgumentException>(() => catalog.SaveAsync(wide, Token));

        Assert.Contains("Limits:MaxDefinitionBytes", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("tasks[0].model.gru.layers: 8", tooWide.Message, StringComparison.Ordinal);
        Assert.Null(await catalog.GetAsync("acme", Token));
    }

    [Fact]
    public async Task SaveIfVersionAsync_StaleVersion_SavesNothing()
    {
        var catalog = await CatalogAsync(new TenantLimits());
        var tenant = TenantLimitsTests.Tenant();
        Assert.Equal(1, await catalog.SaveIfVersionAsync(tenant, 0, Token));
        tenant.DisplayName = "first edit";
        Assert.Equal(2, await catalog.SaveIfVersionAsync(tenant, 1, Token));

        tenant.DisplayName = "edit based on version 1";
        var stale = await catalog.SaveIfVersionAsync(tenant, 1, Token);
        var create = await catalog.SaveIfVersionAsync(tenant, 0, Token);

        Assert.Equal((null, null), (stale, create));
        Assert.Equal(("first edit", 2), ((await catalog.GetVersionedAsync("acme", Token))!.Value.Definition.DisplayName, (await catalog.GetVersionedAsync("acme", Token))!.Value.Version));
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<TenantCatalog> CatalogAsync(TenantLimits limits)
    {
        await _database.MigrateAsync(Token);
        return new TenantCatalog(_database, _time, null, Options.Create(limits));
    }
}
