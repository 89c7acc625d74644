using System.Runtime.CompilerServices;
using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>
/// The URL outcomes of one file being ingested, remembered by string instance. Source readers hand out one string
/// instance for a value they have seen recently (<c>AvroStringCache</c>), so a repeated URL costs a reference
/// compare here instead of hashing and comparing its text again in the normalizer's cache. A direct-mapped table:
/// a slot holds the last URL that fell into it, so memory stays fixed and a miss only means normalizing again.
/// A URL goes to the slot its reader keeps it at (<see cref="Sources.SourceRecord.UrlSlot"/>), so the reader's
/// lookup of its bytes is the only one; without a reader's slot, to one chosen by the instance's hash code.
/// Not thread-safe: one per file.
/// </summary>
internal sealed class UrlOutcomeMemo
{
    /// <summary>
    /// Slots (a power of two), 1.5 MiB: the distinct page URLs of a busy site's day mostly fit (the generated 20M
    /// benchmark has tens of thousands, zipf-distributed), and one-off URLs displace little.
    /// </summary>
    internal const int Slots = 65_536;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>The outcome remembered for this very string instance, if any.</summary>
    /// <param name="url">The URL instance.</param>
    /// <param name="readerSlot">Where the reader keeps that instance, or -1.</param>
    /// <param name="token">The remembered token.</param>
    /// <param name="reason">The remembered reason.</param>
    public bool TryGet(string url, int readerSlot, out string token, out DropReason reason)
    {
        ref var entry = ref _entries[Slot(url, readerSlot)];
        if (ReferenceEquals(entry.Url, url))
        {
            token = entry.Token;
            reason = entry.Reason;
            return true;
        }

        token = string.Empty;
        reason = DropReason.None;
        return false;
    }

    /// <summary>Remembers the outcome of <paramref name="url"/> (kept by its reader at <paramref name="readerSlot"/>, or -1), replacing whatever shared its slot.</summary>
    public void Add(string url, int readerSlot, string token, DropReason reason) =>
        _entries[Slot(url, readerSlot)] = new Entry(url, token, reason);

    // A reader's slots are distinct for the instances it keeps at once; the instance check covers a slot it reused.
    private static int Slot(string url, int readerSlot) => (readerSlot >= 0 ? readerSlot : RuntimeHelpers.GetHashCode(url)) & (Slots - 1);

    private readonly record struct Entry(string? Url, string Token, DropReason Reason);
}
