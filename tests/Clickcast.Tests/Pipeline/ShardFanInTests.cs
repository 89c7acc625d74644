using Clickcast.Pipeline;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Pipeline;

public sealed class ShardFanInTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ShardFanIn _fanIn;

    public ShardFanInTests() => _fanIn = new ShardFanIn(new LocalObjectStore(_folder.Path));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task CompleteAsync_OnlyTheShardThatCompletesTheSetIsTold_AndARetriedShardCountsOnce()
    {
        var prefix = ShardFanIn.Prefix("t1", "sequences/g3");
        Assert.False(await _fanIn.CompleteAsync(prefix, 2, 3, new Result(20), Ct));
        Assert.False(await _fanIn.CompleteAsync(prefix, 2, 3, new Result(21), Ct)); // the same shard again (a retry)
        Assert.False(await _fanIn.CompleteAsync(prefix, 0, 3, new Result(0), Ct));
        Assert.True(await _fanIn.CompleteAsync(prefix, 1, 3, new Result(10), Ct));

        var results = await _fanIn.ReadAllAsync<Result>(prefix, 3, Ct);
        Assert.Equal([0, 10, 21], results.Select(r => r.Value));
    }

    [Fact]
    public async Task ReadAllAsync_AShardMissing_Throws_AndOtherStepsDoNotCount()
    {
        var prefix = ShardFanIn.Prefix("t1", "score/task/run-7");
        await _fanIn.CompleteAsync(ShardFanIn.Prefix("t1", "score/task/run-70"), 1, 2, new Result(1), Ct);
        Assert.False(await _fanIn.CompleteAsync(prefix, 0, 2, new Result(0), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _fanIn.ReadAllAsync<Result>(prefix, 2, Ct));

        await _fanIn.DeleteAsync(prefix, Ct);
        Assert.False(await _fanIn.CompleteAsync(prefix, 1, 2, new Result(1), Ct));
    }

    private sealed record Result(int Value);
}
