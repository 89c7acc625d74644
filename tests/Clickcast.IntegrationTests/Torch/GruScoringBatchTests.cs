using Clickcast.Torch;

namespace Clickcast.IntegrationTests.Torch;

/// <summary>A scoring batch holds at most Training.Memory.GruFootprint.MaxScoringSteps steps, so its activations are bounded whatever the chains' length.</summary>
public sealed class GruScoringBatchTests
{
    [Theory]
    [InlineData(200, 1_024, 81)]       // 16,384 steps ÷ 200
    [InlineData(16, 1_024, 1_024)]     // short chains: the batch size
    [InlineData(10, 64, 64)]
    [InlineData(100_000, 1_024, 1)]    // one chain longer than the steps: alone
    public void ScoringBatchRows_HoldAtMostTheMaxSteps(int longest, int batchSize, int expected) =>
        Assert.Equal(expected, GruModel.ScoringBatchRows(longest, batchSize));
}
