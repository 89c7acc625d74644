using Clickcast.Metadata;
using Clickcast.Tenants;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Tenants;

/// <summary>A definition edit never changes the shard count; only the re-shard's own save does.</summary>
public sealed class ShardsEditTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MetadataDatabase _database;

    public ShardsEditTests() => _database = MetadataDatabase.Sqlite(_folder.File("clickcast.db"), _time);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(4, 4, false)]
    [InlineData(1, 4, true)]
    [InlineData(8, 2, true)]
    public void Problem_OnlyWhenTheCountChanges_NamingTheReshardCommand(int current, int requested, bool refused)
    {
        var problem = ShardsEdit.Problem("acme", current, requested);

        Assert.Equal(refused, problem is not null);
        if (refused)
        {
            Assert.Contains($"clickcast reshard --tenant acme --shards {requested}", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SaveAsync_ShardsChanged_ThrowsAndSavesNothing_SaveReshardedAsyncChangesIt()
    {
        await _database.MigrateAsync(Token);
        var catalog = new TenantCatalog(_database, _time, null, Options.Create(new TenantLimits()));
        var tenant = TenantLimitsTests.Tenant();
        await catalog.SaveAsync(tenant, Token);

        tenant.Shards = 4;
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => catalog.SaveAsync(tenant, Token));
        var resharded = await catalog.SaveReshardedAsync(tenant, Token);

        Assert.Contains("clickcast reshard --tenant acme --shards 4", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, resharded);
        Assert.Equal(4, (await catalog.GetAsync("acme", Token))!.Shards);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Dispose();
    }
}
