using Clickcast.Scoring;

namespace Clickcast.Tests.Scoring;

public sealed class BucketTallyTests
{
    [Theory]
    [InlineData(new double[0], new bool[0], 0, 0.0, 0.0)]
    [InlineData(new[] { 0.2 }, new[] { true }, 1, 0.2, 1.0)]
    [InlineData(new[] { 0.1, 0.3, 0.5, 0.7 }, new[] { false, true, false, false }, 4, 0.4, 0.25)]
    public void Add_CountsMeansAndConversions(double[] probabilities, bool[] converted, long clients, double expectedRate, double actualRate)
    {
        var tally = new BucketTally();
        for (var i = 0; i < probabilities.Length; i++)
        {
            tally = tally.Add(probabilities[i], converted[i]);
        }

        Assert.Equal(clients, tally.Clients);
        Assert.Equal(expectedRate, tally.ExpectedRate, 12);
        Assert.Equal(actualRate, tally.ActualRate, 12);
    }
}
