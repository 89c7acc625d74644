namespace Clickcast.Sequences;

/// <summary>
/// Where one client's kept events are, oldest first: <see cref="Length"/> events of aligned columns, at the indexes
/// <c>Order[From..From+Length)</c> (a range buffer's sorted order), or from <see cref="From"/> on when there is no
/// <see cref="Order"/>. The URLs and types are strings (<see cref="Urls"/>, <see cref="Types"/>) or, from a range
/// buffer, indexes into <see cref="Strings"/>. A segment writer reads them at its next flush, so the arrays must not
/// change before it.
/// </summary>
internal readonly record struct SegmentEvents
{
    public SegmentEvents(long[] times, string[] urls, string[] types, int[]? order, int from, int length)
    {
        Times = times;
        Urls = urls;
        Types = types;
        Order = order;
        From = from;
        Length = length;
    }

    public SegmentEvents(long[] times, int[] urlIndexes, int[] typeIndexes, RangeStrings strings, int[] order, int from, int length)
    {
        Times = times;
        UrlIndexes = urlIndexes;
        TypeIndexes = typeIndexes;
        Strings = strings;
        Order = order;
        From = from;
        Length = length;
    }

    public long[] Times { get; }

    public string[]? Urls { get; }

    public string[]? Types { get; }

    public int[]? UrlIndexes { get; }

    public int[]? TypeIndexes { get; }

    public RangeStrings? Strings { get; }

    public int[]? Order { get; }

    public int From { get; }

    public int Length { get; }

    public static SegmentEvents Of(ClientSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return new(sequence.TimestampArray, sequence.UrlArray, sequence.EventTypeArray, null, 0, sequence.Length);
    }

    /// <summary>Writes the events as one list into <paramref name="columns"/> from <paramref name="position"/> on; returns the position after it.</summary>
    public int CopyTo(SegmentColumns columns, int position)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var urls = columns.Urls;
        var times = columns.Times;
        var types = columns.Types;
        var deltas = columns.Deltas;
        var repetition = columns.Repetition;
        var strings = Strings;
        var urlIndexes = UrlIndexes;
        var typeIndexes = TypeIndexes;
        for (var k = 0; k < Length; k++, position++)
        {
            var e = Order is null ? From + k : Order[From + k];
            var time = Times[e];
            if (strings is null)
            {
                urls[position] = Urls![e].AsMemory();
                types[position] = Types![e].AsMemory();
            }
            else
            {
                urls[position] = strings[urlIndexes![e]].AsMemory();
                types[position] = strings[typeIndexes![e]].AsMemory();
            }

            times[position] = time;

            // The first event has no delta: the one before it, if any, lies beyond the cap.
            deltas[position] = k == 0 ? 0f : (time - times[position - 1]) / 1_000_000f;
            repetition[position] = k == 0 ? 0 : 1;
        }

        return position;
    }
}
