using System.Text;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Storage;

/// <summary>
/// What every <see cref="IObjectStore"/> must do, whatever it stores objects in. A store passes by deriving a
/// class that supplies an empty store private to each test.
/// </summary>
public abstract partial class ObjectStoreContractTests
{
    /// <summary>A store with no objects that no other test sees.</summary>
    protected abstract IObjectStore Store { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutAsync_BinaryContent_ReadsBackTheSameBytes()
    {
        var bytes = Enumerable.Range(0, 1024).Select(i => (byte)(i % 256)).ToArray();

        await Store.PutBytesAsync("data/binary.bin", bytes, Cancellation);

        Assert.Equal(bytes, await Store.ReadAllBytesAsync("data/binary.bin", Cancellation));
    }

    [Fact]
    public async Task PutAsync_EmptyContent_StoresAnEmptyObject()
    {
        await Store.PutBytesAsync("data/empty", ReadOnlyMemory<byte>.Empty, Cancellation);

        Assert.Empty(await Store.ReadAllBytesAsync("data/empty", Cancellation));
        Assert.Equal(0, (await Store.GetInfoAsync("data/empty", Cancellation))?.Size);
    }

    [Fact]
    public async Task PutAsync_Result_MatchesGetInfoAndListing()
    {
        var put = await Store.PutBytesAsync("data/x.csv", "a,b\n1,2\n"u8.ToArray(), Cancellation);

        var info = await Store.GetInfoAsync("data/x.csv", Cancellation);
        var listed = Assert.Single(await Store.ListAsync("data/", cancellationToken: Cancellation).ToListAsync(Cancellation));
        Assert.Equal(("data/x.csv", 8L), (put.Key, put.Size));
        Assert.NotNull(info);
        Assert.Equal((put.Key, put.Size, put.ETag), (info.Value.Key, info.Value.Size, info.Value.ETag));
        Assert.Equal(info, listed);
        Assert.DoesNotContain('"', put.ETag);
    }

    [Fact]
    public async Task GetInfoAndListAsync_LastModified_IsTheWriteTimeInUtc()
    {
        await Store.PutBytesAsync("data/x", "x"u8.ToArray(), Cancellation);

        var info = await Store.GetInfoAsync("data/x", Cancellation);
        var listed = Assert.Single(await Store.ListAsync("data/", cancellationToken: Cancellation).ToListAsync(Cancellation));

        // Not a wall-clock wait: signed S3 requests already fail beyond 15 minutes of clock skew, and a time read
        // in the wrong zone is hours off.
        var now = TimeProvider.System.GetUtcNow();
        foreach (var modified in new[] { info!.Value.LastModified, listed.LastModified })
        {
            Assert.Equal(TimeSpan.Zero, modified.Offset);
            Assert.InRange(modified, now - TimeSpan.FromMinutes(15), now + TimeSpan.FromMinutes(15));
        }
    }

    [Fact]
    public async Task PutAsync_ExistingKey_ReplacesTheWholeObject()
    {
        await Store.PutBytesAsync("data/x", "a much longer previous content"u8.ToArray(), Cancellation);

        await Store.PutBytesAsync("data/x", "new"u8.ToArray(), Cancellation);

        Assert.Equal("new"u8.ToArray(), await Store.ReadAllBytesAsync("data/x", Cancellation));
        var listed = Assert.Single(await Store.ListAsync("data/", cancellationToken: Cancellation).ToListAsync(Cancellation));
        Assert.Equal(3, listed.Size);
    }

    [Fact]
    public async Task PutAsync_ChangedContentOfSameLength_ChangesETag()
    {
        var first = await Store.PutBytesAsync("data/x", "version-1"u8.ToArray(), Cancellation);

        var second = await Store.PutBytesAsync("data/x", "version-2"u8.ToArray(), Cancellation);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(second.ETag, (await Store.GetInfoAsync("data/x", Cancellation))?.ETag);
    }

    [Fact]
    public async Task PutAsync_NonSeekableStream_StoresItsContent()
    {
        var bytes = RandomBytes(300_000, seed: 1);
        using var source = new NonSeekableStream(new MemoryStream(bytes));

        var put = await Store.PutAsync("data/piped.bin", source, Cancellation);

        Assert.Equal(bytes.Length, put.Size);
        Assert.Equal(bytes, await Store.ReadAllBytesAsync("data/piped.bin", Cancellation));
    }

    [Fact]
    public async Task PutAsync_StreamNotAtStart_StoresFromItsCurrentPosition()
    {
        using var source = new MemoryStream("skip|keep"u8.ToArray());
        source.Position = 5;

        var put = await Store.PutAsync("data/tail", source, Cancellation);

        Assert.Equal(4, put.Size);
        Assert.Equal("keep"u8.ToArray(), await Store.ReadAllBytesAsync("data/tail", Cancellation));
    }

    [Fact]
    public async Task PutAsync_FiveMegabytes_RoundTrips()
    {
        var bytes = RandomBytes(5 * 1024 * 1024, seed: 5);

        var put = await Store.PutBytesAsync("data/big.bin", bytes, Cancellation);

        Assert.Equal(bytes.Length, put.Size);
        Assert.Equal(bytes.Length, (await Store.GetInfoAsync("data/big.bin", Cancellation))?.Size);
        Assert.Equal(bytes, await Store.ReadAllBytesAsync("data/big.bin", Cancellation));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutAsync_SourceFailsMidway_LeavesNoObject(bool seekable)
    {
        using var source = new InterruptedStream(4_000_000, 2_500_000, seekable, () => throw new IOException("The source dropped."));

        await Assert.ThrowsAnyAsync<Exception>(() => Store.PutAsync("data/partial.bin", source, Cancellation));

        await AssertNothingStoredAsync("data/partial.bin");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutAsync_SourceFailsMidwayOverExistingObject_KeepsThePreviousObject(bool seekable)
    {
        await Store.PutBytesAsync("data/x", "previous"u8.ToArray(), Cancellation);
        using var source = new InterruptedStream(4_000_000, 2_500_000, seekable, () => throw new IOException("The source dropped."));

        await Assert.ThrowsAnyAsync<Exception>(() => Store.PutAsync("data/x", source, Cancellation));

        Assert.Equal("previous"u8.ToArray(), await Store.ReadAllBytesAsync("data/x", Cancellation));
        Assert.Single(await Store.ListAsync("", cancellationToken: Cancellation).ToListAsync(Cancellation));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutAsync_CancelledMidway_ThrowsAndLeavesNoObject(bool seekable)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        using var source = new InterruptedStream(4_000_000, 2_500_000, seekable, () =>
        {
            cancellation.Cancel();
            cancellation.Token.ThrowIfCancellationRequested();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync("data/cancelled.bin", source, cancellation.Token));

        await AssertNothingStoredAsync("data/cancelled.bin");
    }

    [Fact]
    public async Task PutAsync_AlreadyCancelled_ThrowsAndWritesNothing()
    {
        using var source = new MemoryStream("content"u8.ToArray());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync("data/x", source, new CancellationToken(canceled: true)));

        await AssertNothingStoredAsync("data/x");
    }

    [Fact]
    public async Task GetInfoAsync_MissingKey_ReturnsNull() =>
        Assert.Null(await Store.GetInfoAsync("data/missing", Cancellation));

    [Fact]
    public async Task OpenReadAsync_MissingKey_ThrowsObjectNotFound()
    {
        var ex = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenReadAsync("data/missing", Cancellation));

        Assert.Equal("data/missing", ex.Key);
    }

    [Fact]
    public async Task DeleteAsync_ExistingKey_ReturnsTrueAndRemovesTheObject()
    {
        await Store.PutBytesAsync("data/x", "x"u8.ToArray(), Cancellation);

        Assert.True(await Store.DeleteAsync("data/x", Cancellation));

        await AssertNothingStoredAsync("data/x");
    }

    [Fact]
    public async Task DeleteAsync_MissingKey_ReturnsFalse() =>
        Assert.False(await Store.DeleteAsync("data/missing", Cancellation));

    [Theory]
    [InlineData("")]
    [InlineData("/absolute")]
    [InlineData("trailing/")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("./a")]
    [InlineData("a\\b")]
    [InlineData("a\tb")]
    public async Task EveryOperation_InvalidKey_ThrowsArgumentException(string key)
    {
        using var content = new MemoryStream("x"u8.ToArray());

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(key, content, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetInfoAsync(key, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(key, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(key, Cancellation));
        Assert.Empty(await Store.ListAsync("", cancellationToken: Cancellation).ToListAsync(Cancellation));
    }

    [Theory]
    [InlineData("отчёты/2026 11/файл №1.csv")]
    [InlineData("emoji/😀 smile.txt")]
    [InlineData("spaces/a b  c .txt")]
    [InlineData("url-traps/a+b=c&d?e#f%20g;h,i@j$k!l'm(n)o*p~q.txt")]
    [InlineData("中文/数据.parquet")]
    public async Task EveryOperation_UnicodeAndPunctuationKeys_Work(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);

        var put = await Store.PutBytesAsync(key, bytes, Cancellation);

        Assert.Equal(key, put.Key);
        Assert.Equal(bytes, await Store.ReadAllBytesAsync(key, Cancellation));
        Assert.Equal(key, (await Store.GetInfoAsync(key, Cancellation))?.Key);
        Assert.Equal(key, Assert.Single(await Store.ListAsync("", cancellationToken: Cancellation).ToListAsync(Cancellation)).Key);
        Assert.True(await Store.DeleteAsync(key, Cancellation));
        await AssertNothingStoredAsync(key);
    }

    /// <summary>No object under <paramref name="key"/>, and none under any other name (such as a temporary one).</summary>
    private async Task AssertNothingStoredAsync(string key)
    {
        Assert.Null(await Store.GetInfoAsync(key, Cancellation));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenReadAsync(key, Cancellation));
        Assert.Empty(await Store.ListAsync("", cancellationToken: Cancellation).ToListAsync(Cancellation));
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
