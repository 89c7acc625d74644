namespace Clickcast.Sequences;

/// <summary>
/// The total orders sequences rely on. Events: by time, then URL, then type (ordinal), so equal times still sort
/// the same way in a full build and an incremental one. Clients: by hash, then id, the order of every segment.
/// </summary>
internal static class SequenceOrder
{
    public static int CompareEvents(long timeA, string urlA, string typeA, long timeB, string urlB, string typeB)
    {
        var byTime = timeA.CompareTo(timeB);
        if (byTime != 0)
        {
            return byTime;
        }

        var byUrl = string.CompareOrdinal(urlA, urlB);
        return byUrl != 0 ? byUrl : string.CompareOrdinal(typeA, typeB);
    }

    public static int CompareClients(ulong hashA, string idA, ulong hashB, string idB)
    {
        var byHash = hashA.CompareTo(hashB);
        return byHash != 0 ? byHash : string.CompareOrdinal(idA, idB);
    }
}
