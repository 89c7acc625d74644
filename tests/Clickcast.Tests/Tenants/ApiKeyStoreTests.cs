using Clickcast.Metadata;
using Clickcast.Tenants.Keys;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Tenants;

/// <summary>Keys that authenticated are remembered for a few seconds; a revocation through the same store ends that at once.</summary>
public sealed class ApiKeyStoreTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MetadataDatabase _database;

    public ApiKeyStoreTests() => _database = MetadataDatabase.Sqlite(_folder.File("clickcast.db"), _time);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuthenticateAsync_AfterRevokeThroughTheSameStore_RefusesTheKeyAtOnce()
    {
        var keys = new ApiKeyStore(_database, _time);
        var issued = await keys.CreateAsync(ApiKeyScope.Read, "acme", "crm", "test", Token);
        Assert.NotNull(await keys.AuthenticateAsync(issued.Secret, Token)); // now remembered

        Assert.True(await keys.RevokeAsync(issued.Key.Id, Token));

        Assert.Null(await keys.AuthenticateAsync(issued.Secret, Token));
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedByAnotherProcess_IsTrustedFromMemoryUntilTheCacheDurationPassed()
    {
        var server = new ApiKeyStore(_database, _time);
        var cli = new ApiKeyStore(_database, _time); // another process: same database, its own memory
        var issued = await server.CreateAsync(ApiKeyScope.Read, "acme", "crm", "test", Token);
        Assert.NotNull(await server.AuthenticateAsync(issued.Secret, Token));

        Assert.True(await cli.RevokeAsync(issued.Key.Id, Token));
        var remembered = await server.AuthenticateAsync(issued.Secret, Token);
        _time.Advance(ApiKeyStore.CacheDuration);
        var reread = await server.AuthenticateAsync(issued.Secret, Token);

        Assert.Equal(issued.Key.Id, remembered?.Id); // no database read within the cache duration
        Assert.Null(reread);
        Assert.Null(await cli.AuthenticateAsync(issued.Secret, Token));
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKey_IsNeverRemembered()
    {
        var keys = new ApiKeyStore(_database, _time);
        var secret = ApiKeyStore.KeyStart + new string('a', 48);
        Assert.Null(await keys.AuthenticateAsync(secret, Token));

        await keys.ImportAsync(secret, ApiKeyScope.Read, "acme", "late", "test", Token);

        Assert.NotNull(await keys.AuthenticateAsync(secret, Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Dispose();
    }
}
