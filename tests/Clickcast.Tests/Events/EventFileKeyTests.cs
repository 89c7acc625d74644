using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Tests.Events;

public sealed class EventFileKeyTests : IDisposable
{
    private const string Tenant = "acme";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("date=2026-11-26", 0, 1, "abc", "tenants/acme/events/date=2026-11-26/abc.parquet")]
    [InlineData("date=2026-11-26", 1, 2, "abc-1", "tenants/acme/events/date=2026-11-26/shard=1of2/abc-1.parquet")]
    [InlineData("hour=2026-11-26T13", 7, 16, "abc", "tenants/acme/events/hour=2026-11-26T13/shard=07of16/abc.parquet")]
    [InlineData("month=2026-11", 7, 1024, "c-0123", "tenants/acme/events/month=2026-11/shard=0007of1024/c-0123.parquet")]
    public void ToKey_AndTryParse_RoundTrip(string period, int shard, int shards, string name, string expected)
    {
        var file = EventFileKey.Create(period, shard, shards, name);

        Assert.Equal(expected, file.ToKey(Tenant));
        Assert.True(EventFileKey.TryParse(Tenant, expected, out var parsed));
        Assert.Equal(file, parsed);
    }

    [Theory]
    [InlineData("tenants/acme/events/date=2026-11-26/abc.json")]
    [InlineData("tenants/acme/events/date=2026-11-26/sub/abc.parquet")]
    [InlineData("tenants/acme/events/date=2026-11-26/shard=7of16/abc.parquet")] // not padded to the width of 16
    [InlineData("tenants/acme/events/date=2026-11-26/shard=16of16/abc.parquet")]
    [InlineData("tenants/acme/events/date=2026-11-26/shard=1of3/abc.parquet")]
    [InlineData("tenants/acme/events/date=2026-11-26/shard=0of1/abc.parquet")]
    [InlineData("tenants/acme/events/day=2026-11-26/abc.parquet")]
    [InlineData("tenants/other/events/date=2026-11-26/abc.parquet")]
    [InlineData("tenants/acme/raw/date=2026-11-26/abc.parquet")]
    public void TryParse_AnythingElse_False(string key) =>
        Assert.False(EventFileKey.TryParse(Tenant, key, out _));

    [Theory]
    [InlineData("day=2026-11-26", 0, 1, "abc")]
    [InlineData("date=2026-11-26", 2, 2, "abc")]
    [InlineData("date=2026-11-26", 0, 3, "abc")]
    [InlineData("date=2026-11-26", 0, 1, "../x")]
    [InlineData("date=2026-11-26", 0, 1, "ABC")]
    public void Create_InvalidPart_Throws(string period, int shard, int shards, string name) =>
        Assert.ThrowsAny<ArgumentException>(() => EventFileKey.Create(period, shard, shards, name));

    [Fact]
    public async Task ListShardAsync_ReturnsOnlyThatShardOfThatLayout()
    {
        var store = new LocalObjectStore(_folder.Path);
        var token = TestContext.Current.CancellationToken;
        string[] keys =
        [
            "date=2026-11-25/a.parquet",
            "date=2026-11-25/shard=0of2/b.parquet",
            "date=2026-11-25/shard=1of2/c.parquet",
            "date=2026-11-26/shard=1of2/d.parquet",
            "date=2026-11-26/shard=1of4/e.parquet",
            "date=2026-11-26/shard=1of2/notes.txt",
        ];
        foreach (var key in keys)
        {
            await store.PutBytesAsync(TenantLayout.Events(Tenant) + key, new byte[] { 1 }, token);
        }

        var shard1 = await EventLayout.ListShardAsync(store, Tenant, 1, 2, token);
        var unsharded = await EventLayout.ListAsync(store, Tenant, 1, token);

        Assert.Equal(["tenants/acme/events/date=2026-11-25/shard=1of2/c.parquet", "tenants/acme/events/date=2026-11-26/shard=1of2/d.parquet"], shard1);
        Assert.Equal("tenants/acme/events/date=2026-11-25/a.parquet", Assert.Single(unsharded).ToKey(Tenant));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EventLayout.ListShardAsync(store, Tenant, 2, 2, token));
    }
}
