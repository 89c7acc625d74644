using Clickcast.Events;
using Clickcast.Scoring;
using Clickcast.Sequences;

namespace Clickcast.Tests.Scoring;

public sealed class PredictionSortTests
{
    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 4)]
    [InlineData(10, 1)]
    [InlineData(10, 3)]
    [InlineData(1000, 7)]
    [InlineData(1000, 5000)]
    public async Task SortAsync_AnyOrderAndRunSize_ClientOrderWithEveryRowOnce(int rows, int runRows)
    {
        var random = new Random(rows + runRows);
        var input = Enumerable.Range(0, rows).Select(i => Row("c" + i, random.NextDouble())).OrderBy(_ => random.Next()).ToList();

        var sorted = await PredictionSort.SortAsync(input.ToAsyncEnumerable(), compaction: null, runRows, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var expected = input.OrderBy(p => p, Comparer<Prediction>.Create(Compare)).ToList();
        Assert.Equal(expected, sorted);
    }

    private static int Compare(Prediction a, Prediction b) =>
        SequenceOrder.CompareClients(ClientHash.Of(a.ClientId), a.ClientId, ClientHash.Of(b.ClientId), b.ClientId);

    private static Prediction Row(string client, double probability) =>
        new("acme", "checkout", client, probability, 50, "medium", false, 1, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
}
