using Clickcast.Metadata;
using Clickcast.Tenants.Audit;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Tenants.Audit;

/// <summary>What the audit log must do on every metadata database; run against SQLite and PostgreSQL.</summary>
public abstract class AuditLogContractTests : IAsyncLifetime
{
    private MetadataDatabase? _database;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AuditLog Log => new(_database!, Time);

    public async ValueTask InitializeAsync()
    {
        await CreateDatabaseAsync();
        _database = OpenDatabase();
        await _database.MigrateAsync(Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask CreateDatabaseAsync();

    protected abstract MetadataDatabase OpenDatabase();

    protected abstract ValueTask DisposeDatabaseAsync();

    [Fact]
    public async Task RecordAsync_Action_IsReadBackWithWhoWhatWhenAndOutcome()
    {
        var recorded = await Log.RecordAsync(7, "ck_1234abcd", "acme", "POST tasks/{task}/models/{version}/promote", "/api/tenants/acme/tasks/checkout/models/3/promote", AuditOutcome.Succeeded, 200, null, Token);

        var entry = Assert.Single(await Log.ListAsync("acme", 10, cancellationToken: Token));

        Assert.Equal(recorded, entry);
        Assert.Equal(new AuditEntry(recorded.Id, Time.GetUtcNow(), 7, "ck_1234abcd", "acme", "POST tasks/{task}/models/{version}/promote", "/api/tenants/acme/tasks/checkout/models/3/promote", AuditOutcome.Succeeded, 200, null), entry);
    }

    [Fact]
    public async Task ListAsync_Tenant_SeesOnlyItsOwnNewestFirst_TheOperatorSeesAll()
    {
        await Log.RecordAsync(1, "ck_a", "acme", "POST runs/{id}/retry", "/api/tenants/acme/runs/1/retry", AuditOutcome.Refused, 409, "not dead-lettered", Token);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Log.RecordAsync(2, "ck_b", "globex", "DELETE keys/{id}", "/api/tenants/globex/keys/4", AuditOutcome.Succeeded, 204, null, Token);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Log.RecordAsync(1, "ck_a", "acme", "POST runs/{id}/cancel", "/api/tenants/acme/runs/1/cancel", AuditOutcome.Failed, null, "boom", Token);
        await Log.RecordAsync(9, "ck_admin", null, "POST keys", "/api/keys", AuditOutcome.Succeeded, 201, null, Token);

        var acme = await Log.ListAsync("acme", 10, cancellationToken: Token);
        var all = await Log.ListAsync(null, 10, cancellationToken: Token);
        var page = await Log.ListAsync(null, 2, before: all[1].Id, cancellationToken: Token);

        Assert.Equal(["POST runs/{id}/cancel", "POST runs/{id}/retry"], acme.Select(e => e.Action));
        Assert.Equal([AuditOutcome.Failed, AuditOutcome.Refused], acme.Select(e => e.Outcome));
        Assert.Equal(4, all.Count);
        Assert.Equal([all[2].Id, all[3].Id], page.Select(e => e.Id));
    }

    [Fact]
    public async Task RecordAsync_LongHostileText_IsCut()
    {
        var entry = await Log.RecordAsync(1, "ck_a", "acme", "PUT uploads/{name}", "/api/tenants/acme/uploads/" + new string('x', 5000), AuditOutcome.Refused, 400, new string('y', 5000), Token);

        Assert.Equal(AuditLog.MaxTextLength, entry.Target.Length);
        Assert.Equal(AuditLog.MaxTextLength, entry.Detail!.Length);
    }

    [Fact]
    public async Task PurgeAsync_EntriesOlderThanTheRetention_AreDeletedNewerOnesKept()
    {
        await Log.RecordAsync(1, "ck_a", "acme", "POST runs/{id}/retry", "/api/tenants/acme/runs/1/retry", AuditOutcome.Succeeded, 200, null, Token);
        Time.Advance(TimeSpan.FromDays(10));
        var kept = await Log.RecordAsync(2, "ck_b", "globex", "DELETE keys/{id}", "/api/tenants/globex/keys/4", AuditOutcome.Succeeded, 204, null, Token);
        Time.Advance(TimeSpan.FromDays(25));

        var deleted = await Log.PurgeAsync(TimeSpan.FromDays(30), Token);
        var again = await Log.PurgeAsync(TimeSpan.FromDays(30), Token);

        Assert.Equal(1, deleted);
        Assert.Equal(0, again);
        Assert.Equal([kept.Id], (await Log.ListAsync(null, 10, cancellationToken: Token)).Select(e => e.Id));
    }

    [Fact]
    public async Task PurgeAsync_EntryExactlyAtTheCutoff_IsKept()
    {
        var entry = await Log.RecordAsync(1, "ck_a", "acme", "POST keys", "/api/tenants/acme/keys", AuditOutcome.Succeeded, 201, null, Token);
        Time.Advance(TimeSpan.FromDays(30));

        Assert.Equal(0, await Log.PurgeAsync(TimeSpan.FromDays(30), Token));
        Assert.Equal([entry.Id], (await Log.ListAsync("acme", 10, cancellationToken: Token)).Select(e => e.Id));
    }
}
