using Clickcast.Torch.Evaluation;

namespace Clickcast.IntegrationTests.Torch.Evaluation;

public sealed class RocAucTests
{
    [Fact]
    public void Compute_PositivesAllAbove_One()
    {
        Assert.Equal(1.0, RocAuc.Compute([0.1f, 0.2f, 0.8f, 0.9f], [false, false, true, true]));
    }

    [Fact]
    public void Compute_PositivesAllBelow_Zero()
    {
        Assert.Equal(0.0, RocAuc.Compute([0.9f, 0.8f, 0.2f, 0.1f], [false, false, true, true]));
    }

    [Fact]
    public void Compute_AllScoresTied_Half()
    {
        Assert.Equal(0.5, RocAuc.Compute([0.3f, 0.3f, 0.3f, 0.3f, 0.3f], [true, false, false, true, false]));
    }

    [Fact]
    public void Compute_TieAcrossClasses_CountsHalf()
    {
        // Pairs (positive, negative): (0.5 vs 0.1) wins, (0.5 vs 0.5) ties, (0.9 vs both) wins: (3 + 0.5) / 4.
        Assert.Equal(0.875, RocAuc.Compute([0.1f, 0.5f, 0.5f, 0.9f], [false, false, true, true]));
    }

    [Fact]
    public void Compute_MixedOrder_CountsCorrectPairs()
    {
        // Positives 0.4 and 0.7; negatives 0.2, 0.5, 0.9: 0.4 beats 1, 0.7 beats 2, of 6 pairs.
        Assert.Equal(0.5, RocAuc.Compute([0.5f, 0.4f, 0.9f, 0.2f, 0.7f], [false, true, false, false, true]));
    }

    [Fact]
    public void Compute_OneClassOnly_NaN()
    {
        Assert.True(double.IsNaN(RocAuc.Compute([0.1f, 0.2f], [true, true])));
    }
}
