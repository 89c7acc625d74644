using System.Runtime.CompilerServices;
using Clickcast.Events;
using Clickcast.Sequences;

namespace Clickcast.Scoring;

/// <summary>
/// A run's predictions, each with whether its client did the target: the predictions and the tenant's sequences are
/// both in client order (hash, then id: the order sequences are read and runs are written in), so they are walked
/// together as a sorted merge. Memory: one prediction and one sequence, never the converters' ids (a set of them grew
/// with the tenant). Predictions not in client order (a run written before runs kept that order) end the join with
/// <see cref="UnorderedPredictionsException"/>.
/// </summary>
public static class ConversionJoin
{
    /// <summary>
    /// Every prediction, in order, with <paramref name="converted"/> of its client's sequence (false for a client
    /// without one).
    /// </summary>
    /// <exception cref="UnorderedPredictionsException">The predictions are not in client order, or repeat a client.</exception>
    public static async IAsyncEnumerable<(Prediction Prediction, bool Converted)> JoinAsync(
        IAsyncEnumerable<Prediction> predictions,
        IAsyncEnumerable<ClientSequence> sequences,
        Func<ClientSequence, bool> converted,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(converted);
        await using var sequence = sequences.GetAsyncEnumerator(cancellationToken);
        var hasSequence = await sequence.MoveNextAsync().ConfigureAwait(false);
        string? previous = null;
        ulong previousHash = 0;
        await foreach (var prediction in predictions.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var hash = ClientHash.Of(prediction.ClientId);
            if (previous is not null && SequenceOrder.CompareClients(previousHash, previous, hash, prediction.ClientId) >= 0)
            {
                throw new UnorderedPredictionsException($"The run's scores are not in client order: '{prediction.ClientId}' follows '{previous}'.");
            }

            (previous, previousHash) = (prediction.ClientId, hash);
            while (hasSequence && SequenceOrder.CompareClients(sequence.Current.ClientHash, sequence.Current.ClientId, hash, prediction.ClientId) < 0)
            {
                hasSequence = await sequence.MoveNextAsync().ConfigureAwait(false);
            }

            var same = hasSequence && sequence.Current.ClientHash == hash && string.Equals(sequence.Current.ClientId, prediction.ClientId, StringComparison.Ordinal);
            yield return (prediction, same && converted(sequence.Current));
        }
    }
}
