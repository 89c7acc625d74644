namespace Clickcast.Sequences;

/// <summary>
/// Combines two fragments of the same client's history. Because the cap keeps the latest events and events are
/// totally ordered, merging capped fragments gives exactly what capping the union would: this is what makes an
/// incremental update equal a full rebuild.
/// </summary>
internal static class SequenceMerge
{
    public static ClientSequence Merge(ClientSequence a, ClientSequence b, int maxEvents)
    {
        var total = a.Length + b.Length;
        var keep = Math.Min(total, maxEvents);
        var urls = new string[keep];
        var times = new long[keep];
        var types = new string[keep];

        // Merge from the newest end so only the kept events are touched.
        int i = a.Length - 1, j = b.Length - 1;
        for (var k = keep - 1; k >= 0; k--)
        {
            bool takeA;
            if (i < 0)
            {
                takeA = false;
            }
            else if (j < 0)
            {
                takeA = true;
            }
            else
            {
                takeA = SequenceOrder.CompareEvents(a.TimestampArray[i], a.UrlArray[i], a.EventTypeArray[i], b.TimestampArray[j], b.UrlArray[j], b.EventTypeArray[j]) >= 0;
            }

            if (takeA)
            {
                urls[k] = a.UrlArray[i];
                times[k] = a.TimestampArray[i];
                types[k] = a.EventTypeArray[i];
                i--;
            }
            else
            {
                urls[k] = b.UrlArray[j];
                times[k] = b.TimestampArray[j];
                types[k] = b.EventTypeArray[j];
                j--;
            }
        }

        return new ClientSequence(
            a.ClientId,
            a.ClientHash,
            urls,
            times,
            types,
            Math.Min(a.FirstEventMicros, b.FirstEventMicros),
            Math.Max(a.LastEventMicros, b.LastEventMicros),
            a.EventCount + b.EventCount,
            Math.Max(a.UpdatedGeneration, b.UpdatedGeneration));
    }
}
