using Clickcast.Events;
using Clickcast.Scoring;

namespace Clickcast.Tests.Scoring;

public sealed class CurrentMergeTests
{
    /// <summary>Client ids in client order (by hash, then id), so a test can name clients by their rank.</summary>
    private static readonly string[] Ordered = [.. Enumerable.Range(0, 8).Select(i => "client-" + i).OrderBy(ClientHash.Of).ThenBy(c => c, StringComparer.Ordinal)];

    private static Prediction Row(int rank, double probability) =>
        new("t", "k", Ordered[rank], probability, 50, "medium", false, 1, DateTimeOffset.UnixEpoch);

    private static IAsyncEnumerable<Prediction> Rows(string ranks, double probability) =>
        ranks.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => Row(int.Parse(r, System.Globalization.CultureInfo.InvariantCulture), probability)).ToAsyncEnumerable();

    [Theory]
    [InlineData("", "", "")]
    [InlineData("0,1,2", "", "0o,1o,2o")]
    [InlineData("", "0,3", "0f,3f")]
    [InlineData("0,2,4", "1,3", "0o,1f,2o,3f,4o")]
    [InlineData("0,2,4", "2", "0o,2f,4o")]
    [InlineData("0,1,2", "0,1,2", "0f,1f,2f")]
    [InlineData("1,2", "0,5,6", "0f,1o,2o,5f,6f")]
    [InlineData("3,7", "0,3,7", "0f,3f,7f")]
    public async Task MergeAsync_FreshScoresReplaceThePreviousOnes_InClientOrder(string previous, string fresh, string expected)
    {
        var merged = await CurrentMerge.MergeAsync(Rows(previous, 0.1), Rows(fresh, 0.9), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var described = merged.Select(p => Array.IndexOf(Ordered, p.ClientId) + (p.Probability > 0.5 ? "f" : "o"));
        Assert.Equal(expected, string.Join(',', described));
    }

    [Theory]
    [InlineData("2,1", "")]
    [InlineData("0,3", "4,2")]
    [InlineData("1,1", "")]
    [InlineData("", "5,5")]
    public async Task MergeAsync_AStreamOutOfClientOrder_Throws(string previous, string fresh)
    {
        await Assert.ThrowsAsync<UnorderedPredictionsException>(async () =>
            await CurrentMerge.MergeAsync(Rows(previous, 0.1), Rows(fresh, 0.9), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
    }
}
