using Clickcast.IntegrationTests.Support;
using Clickcast.Storage;
using Clickcast.Tests.Storage;

namespace Clickcast.IntegrationTests.Storage;

/// <summary>What the S3 store does beyond the <see cref="ObjectStoreContractTests"/>.</summary>
[Collection(SharedS3Server.Name)]
public sealed class S3ObjectStoreTests(S3TestServer server)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeyPrefix_StoresKeysUnderItAndHidesOtherDeployments()
    {
        var run = Guid.NewGuid().ToString("N");
        using var whole = server.CreateStore(keyPrefix: run);
        using var blue = server.CreateStore(keyPrefix: $"/{run}/blue/");
        using var green = server.CreateStore(keyPrefix: $"{run}/green");

        await blue.PutBytesAsync("raw/x.csv", "blue"u8.ToArray(), Cancellation);
        await green.PutBytesAsync("raw/x.csv", "green"u8.ToArray(), Cancellation);

        Assert.Equal($"{run}/blue/", blue.KeyPrefix);
        Assert.Equal(["raw/x.csv"], await blue.ListAsync("", cancellationToken: Cancellation).Select(o => o.Key).ToListAsync(Cancellation));
        Assert.Equal("blue"u8.ToArray(), await blue.ReadAllBytesAsync("raw/x.csv", Cancellation));
        Assert.Equal("green"u8.ToArray(), await green.ReadAllBytesAsync("raw/x.csv", Cancellation));
        Assert.Equal(
            ["blue/raw/x.csv", "green/raw/x.csv"],
            await whole.ListAsync("", cancellationToken: Cancellation).Select(o => o.Key).ToListAsync(Cancellation));

        Assert.True(await blue.DeleteAsync("raw/x.csv", Cancellation));
        Assert.NotNull(await green.GetInfoAsync("raw/x.csv", Cancellation));
        Assert.True(await green.DeleteAsync("raw/x.csv", Cancellation));
    }

    [Fact]
    public async Task EnsureBucketAsync_NewBucket_CreatesItOnceAndIsIdempotent()
    {
        using var store = server.CreateStore(bucket: "clickcast-new-" + Guid.NewGuid().ToString("N")[..12]);

        await store.EnsureBucketAsync(Cancellation);
        await store.EnsureBucketAsync(Cancellation);

        await store.PutBytesAsync("x", "x"u8.ToArray(), Cancellation);
        Assert.True(await store.DeleteAsync("x", Cancellation));
    }

    [Fact]
    public async Task OpenReadAsync_MissingBucket_IsNotReportedAsAMissingObject()
    {
        using var store = server.CreateStore(bucket: "clickcast-absent-" + Guid.NewGuid().ToString("N")[..12]);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => store.OpenReadAsync("x", Cancellation));

        Assert.IsNotType<ObjectNotFoundException>(ex);
    }
}
