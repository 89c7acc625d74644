using Clickcast.Storage;

namespace Clickcast.Tests.Storage;

/// <summary>A call reads again only the groups whose listed keys or tags changed since the previous call of its scope.</summary>
public sealed class ChangedObjectsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Listings as "key:tag" words; the group is what stands before the first '/', "skip/…" is passed over.
    // A value is the group and the tags read, so a group kept from the previous call shows the tags it was read at.
    [Theory]
    [InlineData("a/1:x b/1:x", "a/1:x b/1:x", "", "a=x b=x")]
    [InlineData("a/1:x b/1:x", "a/1:y b/1:x", "a", "a=y b=x")]
    [InlineData("a/1:x a/2:x b/1:x", "a/1:x a/2:y b/1:x", "a", "a=xy b=x")]
    [InlineData("a/1:x a/2:x", "a/1:x a/2:x a/3:x", "a", "a=xxx")]
    [InlineData("a/1:x a/2:x", "a/1:x", "a", "a=x")]
    [InlineData("a/1:x", "a/2:x", "a", "a=x")]
    [InlineData("a/1:x b/1:x", "b/1:x", "", "b=x")]
    [InlineData("a/1:x", "a/1:x c/1:x", "c", "a=x c=x")]
    [InlineData("a/1:x", "skip/1:x a/1:x", "", "a=x")]
    [InlineData("a/1:x", "", "", "")]
    public async Task ReadAsync_SecondCall_ReadsOnlyTheChangedGroupsAndAnswersAsAFullRead(string before, string after, string reads, string values)
    {
        var cache = new ChangedObjects<string>();
        var read = new List<string>();
        await cache.ReadAsync("s", Listing(before), GroupOf, Reader(read), Token);
        read.Clear();

        var answer = await cache.ReadAsync("s", Listing(after), GroupOf, Reader(read), Token);

        Assert.Equal(Words(reads), read);
        Assert.Equal(Words(values), answer);
        Assert.Equal(answer, await new ChangedObjects<string>().ReadAsync("s", Listing(after), GroupOf, Reader([]), Token));
    }

    [Fact]
    public async Task ReadAsync_FirstCallOfAScope_ReadsEveryGroupInListingOrder()
    {
        var cache = new ChangedObjects<string>();
        var read = new List<string>();
        await cache.ReadAsync("one", Listing("a/1:x"), GroupOf, Reader(read), Token);

        var answer = await cache.ReadAsync("two", Listing("b/1:x a/1:x b/2:x"), GroupOf, Reader(read), Token);

        Assert.Equal(["a", "b", "a"], read);
        Assert.Equal(["b=xx", "a=x"], answer);
    }

    [Fact]
    public async Task ReadAsync_GroupWhoseReadFoundNothing_IsLeftOutAndReadAgain()
    {
        var cache = new ChangedObjects<string>();
        var read = new List<string>();
        var gone = true;
        Task<string?> ReadAsync(string group, IReadOnlyList<StoredObject> objects, CancellationToken ct)
        {
            read.Add(group);
            return Task.FromResult(gone ? null : group);
        }

        Assert.Empty(await cache.ReadAsync("s", Listing("a/1:x"), GroupOf, ReadAsync, Token));
        gone = false;

        Assert.Equal(["a"], await cache.ReadAsync("s", Listing("a/1:x"), GroupOf, ReadAsync, Token));
        Assert.Equal(["a", "a"], read);
    }

    private static string? GroupOf(StoredObject item) => item.Key.StartsWith("skip/", StringComparison.Ordinal) ? null : item.Key[..item.Key.IndexOf('/', StringComparison.Ordinal)];

    private static Func<string, IReadOnlyList<StoredObject>, CancellationToken, Task<string?>> Reader(List<string> read) => (group, objects, _) =>
    {
        read.Add(group);
        return Task.FromResult<string?>(group + "=" + string.Concat(objects.Select(o => o.ETag)));
    };

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static async IAsyncEnumerable<StoredObject> Listing(string text)
    {
        await Task.Yield();
        foreach (var word in Words(text))
        {
            var (key, tag) = (word[..word.IndexOf(':', StringComparison.Ordinal)], word[(word.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            yield return new StoredObject(key, 1, tag, DateTimeOffset.UnixEpoch);
        }
    }
}
