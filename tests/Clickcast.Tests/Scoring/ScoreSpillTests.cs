using Clickcast.Scoring;

namespace Clickcast.Tests.Scoring;

public sealed class ScoreSpillTests
{
    [Theory]
    [InlineData(0, 7, 0)]
    [InlineData(5, 7, 1)]
    [InlineData(7, 7, 1)]
    [InlineData(1000, 7, 143)]
    [InlineData(5000, 64, 79)]
    [InlineData(5000, 1 << 20, 1)]
    public void Distribution_FromSortedRuns_IsExactlyTheInMemoryOne(int values, int runValues, int runs)
    {
        var random = new Random(values);
        var probabilities = Enumerable.Range(0, values).Select(i => i % 10 == 0 ? 0.5 : Math.Round(random.NextDouble(), 3)).ToList();
        using var spill = new ScoreSpill(runValues);
        for (var i = 0; i < values; i++)
        {
            spill.Add("c" + i, probabilities[i]);
        }

        var distribution = spill.Distribution();

        Assert.Equal(ScoreDistribution.Of(probabilities).Quantiles, distribution.Quantiles);
        Assert.Equal(values, distribution.Clients);
        Assert.Equal(runs, spill.Runs);
    }

    [Fact]
    public void Rows_GiveBackEveryClientInTheOrderAdded_AfterTheDistribution()
    {
        using var spill = new ScoreSpill(3);
        var added = new[] { ("b", 0.9), ("a", 0.1), ("ç-client", 0.5), ("d", 0.5), ("e", 1e-12) };
        foreach (var (client, probability) in added)
        {
            spill.Add(client, probability);
        }

        spill.Distribution();

        Assert.Equal(added, spill.Rows().ToArray());
        Assert.Throws<ObjectDisposedException>(() => spill.Add("late", 0.2));
    }
}
