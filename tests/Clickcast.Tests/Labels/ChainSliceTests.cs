using Clickcast.Labels;

namespace Clickcast.Tests.Labels;

/// <summary>Where an example's chain lies in its chunk: the latest time is its own, never a neighbour's.</summary>
public sealed class ChainSliceTests
{
    [Fact]
    public void LastTime_IsTheChainsOwnLatestTime()
    {
        var chains = new ExampleChains();
        chains.Add(["/a", "/b"], [10, 20], ["view", "view"], null);

        var second = chains.Add(["/c"], [30], ["cart"], null);

        Assert.Equal(30, second.LastTime);
    }

    [Fact]
    public void LastTime_OfAnEmptyChainAfterAnother_IsRefusedRatherThanTheOthersTime()
    {
        var chains = new ExampleChains();
        chains.Add(["/a", "/b"], [10, 20], ["view", "view"], null);

        var empty = chains.Add([], [], [], null);

        Assert.Throws<InvalidOperationException>(() => empty.LastTime);
    }
}
