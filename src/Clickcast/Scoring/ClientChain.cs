using Clickcast.Ingestion.Urls;
using Clickcast.Sequences;

namespace Clickcast.Scoring;

/// <summary>A client's stored chain for people: its newest events, each marked with whether the model read it.</summary>
public static class ClientChain
{
    /// <summary>Most events a lookup returns (the newest ones).</summary>
    public const int MaxEvents = 200;

    /// <summary>
    /// The newest <paramref name="cap"/> events of <paramref name="sequence"/>, oldest first, with tokens cut as
    /// scoring cuts them and <see cref="ChainEvent.Observed"/> set on the events <see cref="Scorer.InputOf"/> reads.
    /// </summary>
    public static IReadOnlyList<ChainEvent> Of(ClientSequence sequence, int maxLength, UrlTokenCutter? cutter, int? observedEvents, int cap = MaxEvents)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        var (read, _) = Scorer.ReadRange(sequence.Length, maxLength, observedEvents);
        var from = Math.Max(0, sequence.Length - cap);
        var chain = new ChainEvent[sequence.Length - from];
        for (var i = from; i < sequence.Length; i++)
        {
            var url = sequence.UrlArray[i];
            chain[i - from] = new ChainEvent(cutter?.Cut(url) ?? url, sequence.EventTypeArray[i], DateTimeOffset.UnixEpoch.AddTicks(sequence.TimestampArray[i] * 10), i >= read);
        }

        return chain;
    }
}
