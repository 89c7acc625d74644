namespace Clickcast.Sequences;

/// <summary>One client's row of a segment without its events: who, and the facts about its whole history.</summary>
internal readonly record struct SegmentRow(ulong ClientHash, string ClientId, long FirstEventMicros, long LastEventMicros, long EventCount, long UpdatedGeneration)
{
    public static SegmentRow Of(ClientSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return new(sequence.ClientHash, sequence.ClientId, sequence.FirstEventMicros, sequence.LastEventMicros, sequence.EventCount, sequence.UpdatedGeneration);
    }
}
