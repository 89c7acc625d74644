using Clickcast.Storage;

namespace Clickcast.Tests.Storage;

public abstract partial class ObjectStoreContractTests
{
    // Ordinal order where culture-aware or folder-by-folder orders differ: upper case < '_' < lower case, and
    // '-' < '.' < '/' < digits, so "a/x" sorts after "a-b" and "a.txt" although its folder "a" sorts before them.
    // No two keys differ only in case, so the local store passes on case-insensitive file systems too.
    private static readonly string[] OrderedKeys =
    [
        "p/C",
        "p/Z",
        "p/_",
        "p/a-b",
        "p/a.txt",
        "p/a/x",
        "p/a/y/z",
        "p/a0",
        "p/b",
        "p/ä",
    ];

    [Fact]
    public async Task ListAsync_Prefix_ReturnsItsKeysInOrdinalOrder()
    {
        await PutAllAsync(OrderedKeys.Reverse());

        var listed = await Store.ListAsync("p/", cancellationToken: Cancellation).Select(o => o.Key).ToListAsync(Cancellation);

        Assert.Equal(OrderedKeys.Order(StringComparer.Ordinal), listed);
        Assert.Equal(OrderedKeys, listed);
    }

    [Fact]
    public async Task ListAsync_StartAfter_ReturnsOnlyLaterKeys()
    {
        await PutAllAsync(OrderedKeys);

        var listed = await Store.ListAsync("p/", startAfter: "p/a.txt", Cancellation).Select(o => o.Key).ToListAsync(Cancellation);

        Assert.Equal(OrderedKeys[Array.IndexOf(OrderedKeys, "p/a/x")..], listed);
    }

    [Fact]
    public async Task ListAsync_StartAfterBetweenKeys_ResumesAtTheNextKey()
    {
        await PutAllAsync(OrderedKeys);

        var listed = await Store.ListAsync("p/", startAfter: "p/a/", Cancellation).Select(o => o.Key).ToListAsync(Cancellation);

        Assert.Equal(OrderedKeys[Array.IndexOf(OrderedKeys, "p/a/x")..], listed);
    }

    [Fact]
    public async Task ListAsync_CursorFromEachLastKey_VisitsEveryKeyOnce()
    {
        await PutAllAsync(OrderedKeys);

        var visited = new List<string>();
        string? cursor = null;
        while (await Store.ListAsync("p/", cursor, Cancellation).Take(3).Select(o => o.Key).ToListAsync(Cancellation) is { Count: > 0 } batch)
        {
            visited.AddRange(batch);
            cursor = batch[^1];
        }

        Assert.Equal(OrderedKeys, visited);
    }

    [Fact]
    public async Task ListAsync_Prefix_IsAStringPrefixNotAFolder()
    {
        await PutAllAsync(["p/x", "p2/x", "pq", "q/x"]);

        Assert.Equal(["p/x"], await KeysAsync("p/"));
        Assert.Equal(["p/x", "p2/x", "pq"], await KeysAsync("p"));
        Assert.Equal(["p/x", "p2/x", "pq", "q/x"], await KeysAsync(""));
        Assert.Empty(await KeysAsync("r/"));
        Assert.Empty(await KeysAsync("p/x/"));
    }

    [Fact]
    public async Task ListAsync_AfterDelete_NoLongerReturnsTheKey()
    {
        await PutAllAsync(["p/1", "p/2", "p/3"]);

        await Store.DeleteAsync("p/2", Cancellation);

        Assert.Equal(["p/1", "p/3"], await KeysAsync("p/"));
    }

    [Fact]
    public async Task ListAsync_ReportsSizeAndETagOfEachObject()
    {
        var small = await Store.PutBytesAsync("p/small", "1"u8.ToArray(), Cancellation);
        var large = await Store.PutBytesAsync("p/large", new byte[70_000], Cancellation);

        var listed = await Store.ListAsync("p/", cancellationToken: Cancellation).ToListAsync(Cancellation);

        Assert.Equal([("p/large", 70_000L, large.ETag), ("p/small", 1L, small.ETag)], listed.Select(o => (o.Key, o.Size, o.ETag)));
    }

    private async Task PutAllAsync(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            await Store.PutBytesAsync(key, System.Text.Encoding.UTF8.GetBytes(key), Cancellation);
        }
    }

    private async Task<List<string>> KeysAsync(string prefix) =>
        await Store.ListAsync(prefix, cancellationToken: Cancellation).Select(o => o.Key).ToListAsync(Cancellation);
}
