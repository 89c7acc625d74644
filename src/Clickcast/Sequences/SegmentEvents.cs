namespace Clickcast.Sequences;

/// <summary>
/// Where one client's kept events are, oldest first: <see cref="Length"/> events of aligned columns, at the indexes
/// <c>Order[From..From+Length)</c> (a range buffer's sorted order), or from <see cref="From"/> on when there is no
/// <see cref="Order"/>. A segment writer reads them at its next flush, so the arrays must not change before it.
/// </summary>
internal readonly record struct SegmentEvents(long[] Times, string[] Urls, string[] Types, int[]? Order, int From, int Length)
{
    public static SegmentEvents Of(ClientSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return new(sequence.TimestampArray, sequence.UrlArray, sequence.EventTypeArray, null, 0, sequence.Length);
    }

    /// <summary>Writes the events as one list into <paramref name="columns"/> from <paramref name="position"/> on; returns the position after it.</summary>
    public int CopyTo(SegmentColumns columns, int position)
    {
        var urls = columns.Urls;
        var times = columns.Times;
        var types = columns.Types;
        var deltas = columns.Deltas;
        var repetition = columns.Repetition;
        for (var k = 0; k < Length; k++, position++)
        {
            var e = Order is null ? From + k : Order[From + k];
            var time = Times[e];
            urls[position] = Urls[e].AsMemory();
            times[position] = time;
            types[position] = Types[e].AsMemory();

            // The first event has no delta: the one before it, if any, lies beyond the cap.
            deltas[position] = k == 0 ? 0f : (time - times[position - 1]) / 1_000_000f;
            repetition[position] = k == 0 ? 0 : 1;
        }

        return position;
    }
}
