using System.Globalization;
using Clickcast.Events;
using Clickcast.Scoring;
using Clickcast.Sequences;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Scoring;

public sealed class ConversionJoinTests
{
    /// <summary>Client ids in client order (by hash, then id), so a test can name clients by their rank.</summary>
    private static readonly string[] Ordered = [.. Enumerable.Range(0, 8).Select(i => "client-" + i).OrderBy(ClientHash.Of).ThenBy(c => c, StringComparer.Ordinal)];

    private static IEnumerable<int> Ranks(string ranks) =>
        ranks.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => int.Parse(r, CultureInfo.InvariantCulture));

    private static IAsyncEnumerable<Prediction> Predictions(string ranks) =>
        Ranks(ranks).Select(r => new Prediction("t", "k", Ordered[r], 0.5, 50, "medium", false, 1, DateTimeOffset.UnixEpoch)).ToAsyncEnumerable();

    /// <summary>Sequences of the given ranks; a converter (marked '+') viewed the target page.</summary>
    private static IAsyncEnumerable<ClientSequence> Sequences(string ranks) =>
        ranks.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => TestSequences.Views(Ordered[int.Parse(r.TrimEnd('+'), CultureInfo.InvariantCulture)], r.EndsWith('+') ? "/checkout" : "/home"))
            .ToAsyncEnumerable();

    private static bool ViewedCheckout(ClientSequence sequence) => sequence.Urls.Contains("/checkout");

    [Theory]
    [InlineData("", "0+,1", "")]
    [InlineData("0,1,2", "", "0n,1n,2n")]
    [InlineData("0,1,2", "0+,1,2+", "0y,1n,2y")]
    [InlineData("1,3", "0+,1+,2+,3,4+", "1y,3n")]
    [InlineData("0,2,5", "1+,2+,6+", "0n,2y,5n")]
    [InlineData("6,7", "0+,1+", "6n,7n")]
    public async Task JoinAsync_EachPredictionGetsItsClientsOutcome_SequencesWithoutAPredictionAreSkipped(string predictions, string sequences, string expected)
    {
        var joined = await ConversionJoin.JoinAsync(Predictions(predictions), Sequences(sequences), ViewedCheckout, TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expected, string.Join(',', joined.Select(j => Array.IndexOf(Ordered, j.Prediction.ClientId) + (j.Converted ? "y" : "n"))));
    }

    [Theory]
    [InlineData("2,1")]
    [InlineData("0,3,3")]
    public async Task JoinAsync_PredictionsOutOfClientOrder_Throws(string predictions)
    {
        await Assert.ThrowsAsync<UnorderedPredictionsException>(async () =>
            await ConversionJoin.JoinAsync(Predictions(predictions), Sequences("0+,1+,2+,3+"), ViewedCheckout, TestContext.Current.CancellationToken)
                .ToListAsync(TestContext.Current.CancellationToken));
    }
}
