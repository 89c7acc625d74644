using System.Runtime.CompilerServices;
using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>
/// The URL outcomes of one file being ingested, remembered by string instance. Source readers hand out one string
/// instance for a value they have seen recently (<c>AvroStringCache</c>), so a repeated URL costs a reference
/// compare here instead of hashing and comparing its text again in the normalizer's cache. A direct-mapped table:
/// a slot holds the last URL that fell into it, so memory stays fixed and a miss only means normalizing again.
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
    public bool TryGet(string url, out string token, out DropReason reason)
    {
        ref var entry = ref _entries[Slot(url)];
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

    /// <summary>Remembers the outcome of <paramref name="url"/>, replacing whatever shared its slot.</summary>
    public void Add(string url, string token, DropReason reason) =>
        _entries[Slot(url)] = new Entry(url, token, reason);

    private static int Slot(string url) => RuntimeHelpers.GetHashCode(url) & (Slots - 1);

    private readonly record struct Entry(string? Url, string Token, DropReason Reason);
}
