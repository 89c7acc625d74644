using System.Runtime.CompilerServices;
using Clickcast.Events;
using Clickcast.Sequences;

namespace Clickcast.Scoring;

/// <summary>
/// The current scores after an incremental run: the previous current scores with the run's clients replaced by their
/// fresh scores, merged as two streams in client order (hash, then id: the order sequences are read and runs are
/// written in). Memory: one row of each stream, never the fresh clients' ids (a set of them grew with the tenant).
/// Both streams must be in client order; a stream that is not (current scores written before they were kept in that
/// order) ends the merge with <see cref="UnorderedPredictionsException"/>, before anything out of order is yielded.
/// </summary>
public static class CurrentMerge
{
    /// <summary>The merged rows, in client order; a client in both streams appears once, with its fresh score.</summary>
    /// <exception cref="UnorderedPredictionsException">A stream is not in client order, or repeats a client.</exception>
    public static async IAsyncEnumerable<Prediction> MergeAsync(IAsyncEnumerable<Prediction> previous, IAsyncEnumerable<Prediction> fresh, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(fresh);
        await using var old = new Ordered(previous.GetAsyncEnumerator(cancellationToken), "previous");
        await using var run = new Ordered(fresh.GetAsyncEnumerator(cancellationToken), "fresh");
        var hasOld = await old.MoveNextAsync().ConfigureAwait(false);
        var hasRun = await run.MoveNextAsync().ConfigureAwait(false);
        while (hasOld || hasRun)
        {
            var order = !hasOld ? 1 : !hasRun ? -1 : SequenceOrder.CompareClients(old.Hash, old.Current.ClientId, run.Hash, run.Current.ClientId);
            if (order < 0)
            {
                yield return old.Current;
                hasOld = await old.MoveNextAsync().ConfigureAwait(false);
                continue;
            }

            yield return run.Current;
            if (order == 0)
            {
                hasOld = await old.MoveNextAsync().ConfigureAwait(false);
            }

            hasRun = await run.MoveNextAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A stream's enumerator that checks each row comes strictly after the one before in client order.</summary>
    private sealed class Ordered(IAsyncEnumerator<Prediction> inner, string name) : IAsyncDisposable
    {
        private bool _started;

        public Prediction Current { get; private set; }

        public ulong Hash { get; private set; }

        public async ValueTask<bool> MoveNextAsync()
        {
            if (!await inner.MoveNextAsync().ConfigureAwait(false))
            {
                return false;
            }

            var next = inner.Current;
            var hash = ClientHash.Of(next.ClientId);
            if (_started && SequenceOrder.CompareClients(Hash, Current.ClientId, hash, next.ClientId) >= 0)
            {
                throw new UnorderedPredictionsException($"The {name} scores are not in client order: '{next.ClientId}' follows '{Current.ClientId}'.");
            }

            (Current, Hash, _started) = (next, hash, true);
            return true;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
