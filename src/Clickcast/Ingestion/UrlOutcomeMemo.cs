using System.Runtime.CompilerServices;
using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>
/// The URL outcomes of one file being ingested, remembered by string instance. Source readers hand out one string
/// instance for a value they have seen recently (<c>AvroStringCache</c>), so a repeated URL costs a reference
/// compare here instead of hashing and comparing its text again in the normalizer's cache. Two-way sets, the second
/// way on probation: a new URL enters on probation and moves to the first way when it is met again, so the one-off
/// URLs of a clickstream (click ids in the query) only displace each other, not the pages that repeat. Memory stays
/// fixed and a miss only means asking the normalizer's cache. Not thread-safe: one per file.
/// </summary>
internal sealed class UrlOutcomeMemo
{
    /// <summary>
    /// Entries (a power of two, two per set), 1.5 MiB: the distinct page URLs of a busy site's day mostly fit (the
    /// generated 20M benchmark has tens of thousands, zipf-distributed).
    /// </summary>
    internal const int Slots = 65_536;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>The outcome remembered for this very string instance, if any.</summary>
    public bool TryGet(string url, out string token, out DropReason reason)
    {
        var set = Set(url);
        ref var kept = ref _entries[set];
        if (ReferenceEquals(kept.Url, url))
        {
            token = kept.Token;
            reason = kept.Reason;
            return true;
        }

        ref var probation = ref _entries[set + 1];
        if (ReferenceEquals(probation.Url, url))
        {
            token = probation.Token;
            reason = probation.Reason;

            // Met again: it repeats, so it is kept, and the URL it replaces waits on probation.
            (kept, probation) = (probation, kept);
            return true;
        }

        token = string.Empty;
        reason = DropReason.None;
        return false;
    }

    /// <summary>Remembers the outcome of <paramref name="url"/> on probation, replacing the URL there.</summary>
    public void Add(string url, string token, DropReason reason) =>
        _entries[Set(url) + 1] = new Entry(url, token, reason);

    private static int Set(string url) => (RuntimeHelpers.GetHashCode(url) << 1) & (Slots - 2);

    private readonly record struct Entry(string? Url, string Token, DropReason Reason);
}
