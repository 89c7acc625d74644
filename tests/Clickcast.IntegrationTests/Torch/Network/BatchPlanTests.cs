using Clickcast.Torch.Network;

namespace Clickcast.IntegrationTests.Torch.Network;

public sealed class BatchPlanTests
{
    private static readonly int[] Lengths = Enumerable.Range(0, 1000).Select(i => 1 + ((i * 7919) % 97)).ToArray();

    [Fact]
    public void Bucketed_EveryExampleOnce_InBatchesOfSimilarLength()
    {
        var batches = BatchPlan.Bucketed(Lengths, 50, new Random(1));

        Assert.Equal(Enumerable.Range(0, Lengths.Length), batches.SelectMany(b => b).Order());
        Assert.All(batches, b => Assert.True(b.Length <= 50));
        var padding = batches.Sum(b => b.Max(i => Lengths[i]) * b.Length - b.Sum(i => Lengths[i]));
        Assert.True(padding < Lengths.Sum() / 10, $"padding {padding}");
    }

    [Fact]
    public void Bucketed_BatchOrder_IsShuffled()
    {
        var batches = BatchPlan.Bucketed(Lengths, 50, new Random(1));
        var longest = batches.Select(b => b.Max(i => Lengths[i])).ToList();

        Assert.NotEqual(longest.Order(), longest);
    }

    [Fact]
    public void Bucketed_SameSeed_SamePlan()
    {
        Assert.Equal(BatchPlan.Bucketed(Lengths, 64, new Random(5)), BatchPlan.Bucketed(Lengths, 64, new Random(5)));
    }

    [Fact]
    public void Bucketed_NextEpoch_DifferentPlan()
    {
        var random = new Random(5);

        Assert.NotEqual(BatchPlan.Bucketed(Lengths, 64, random), BatchPlan.Bucketed(Lengths, 64, random));
    }
}
