namespace Clickcast.Labels;

/// <summary>
/// Which events of a chain a model reads, and the moment they are judged at: one rule for training (the labelled
/// examples) and scoring (batch, real-time, explanations), so a model is served what it was trained on.
/// </summary>
/// <remarks>
/// Time mode (<c>observedEvents</c> null): every event up to the moment judged (cutoff in training, the data's
/// "now" in scoring). Position mode (k): the last k events, judged just after the newest of them. In training the
/// chain is cut after its k-th event, so its last k are its first k; in scoring a client's newest k events are
/// read, as if their chain had ended there. A chain shorter than k is read whole.
/// </remarks>
public static class ObservedWindow
{
    /// <summary>The [from, from + length) range of a chain of <paramref name="chainLength"/> events that is read.</summary>
    public static (int From, int Length) Of(int chainLength, int? observedEvents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chainLength);
        if (observedEvents is { } k)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
            var length = Math.Min(k, chainLength);
            return (chainLength - length, length);
        }

        return (0, chainLength);
    }

    /// <summary>
    /// The moment a window is judged at (recency features are measured to it): <paramref name="nowMicros"/> in time
    /// mode, the window's newest event in position mode (as in training, where nothing follows the k-th event).
    /// </summary>
    public static long AsOf(long nowMicros, long newestObservedMicros, int? observedEvents) =>
        observedEvents is null ? nowMicros : newestObservedMicros;
}
