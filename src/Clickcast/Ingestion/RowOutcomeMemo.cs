using System.Runtime.CompilerServices;
using Clickcast.Events;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Ingestion;

/// <summary>
/// What one file's rows remember between them of the answers that depend on a single field: the URL outcomes by
/// string instance, and the bot verdict of the previous row's user agent.
/// <para>
/// URL outcomes, for rows whose reader kept none (<see cref="Sources.SourceRecord.UrlOutcome"/>): source readers hand
/// out one string instance for a value they have seen recently, so a repeated URL costs a reference compare here
/// instead of hashing and comparing its text again in the normalizer's cache. A direct-mapped table by the
/// instance's hash code: a slot holds the last URL that fell into it, so memory stays fixed and a miss only means
/// normalizing again.
/// </para>
/// <para>
/// Bot verdicts: a client's rows mostly come in a row with one user agent, so comparing it with the previous row's
/// (by reference, else by text) replaces hashing a hundred-character string in the bot filter's cache.
/// </para>
/// Not thread-safe: one per file.
/// </summary>
internal sealed class RowOutcomeMemo
{
    /// <summary>
    /// Slots (a power of two), 1.5 MiB: the distinct page URLs of a busy site's day mostly fit (the generated 20M
    /// benchmark has tens of thousands, zipf-distributed), and one-off URLs displace little.
    /// </summary>
    internal const int Slots = 65_536;

    // Allocated by the first URL remembered: rows whose reader keeps the outcome (Avro) never need it.
    private Entry[]? _entries;
    private string? _lastAgent;
    private BotFilter? _lastFilter;
    private bool _lastIsBot;

    /// <summary>The outcome remembered for this very string instance, if any.</summary>
    /// <param name="url">The URL instance.</param>
    /// <param name="token">The remembered token.</param>
    /// <param name="reason">The remembered reason.</param>
    public bool TryGet(string url, out string token, out DropReason reason)
    {
        if (_entries is { } entries)
        {
            ref var entry = ref entries[Slot(url)];
            if (ReferenceEquals(entry.Url, url))
            {
                token = entry.Token;
                reason = entry.Reason;
                return true;
            }
        }

        token = string.Empty;
        reason = DropReason.None;
        return false;
    }

    /// <summary>Remembers the outcome of <paramref name="url"/>, replacing whatever shared its slot.</summary>
    public void Add(string url, string token, DropReason reason) =>
        (_entries ??= new Entry[Slots])[Slot(url)] = new Entry(url, token, reason);

    /// <summary>Whether the table of URL outcomes was allocated (for tests: only readers without outcomes of their own need it).</summary>
    internal bool HasUrlTable => _entries is not null;

    /// <summary>Whether <paramref name="bots"/> takes <paramref name="userAgent"/> for a bot, asked again only when the user agent changes.</summary>
    public bool IsBot(string? userAgent, BotFilter bots)
    {
        if (userAgent is null || !ReferenceEquals(bots, _lastFilter) || !string.Equals(userAgent, _lastAgent, StringComparison.Ordinal))
        {
            // A missing user agent is answered by the filter (cheaply) and never remembered.
            var isBot = bots.IsBot(userAgent);
            if (userAgent is null)
            {
                return isBot;
            }

            _lastAgent = userAgent;
            _lastFilter = bots;
            _lastIsBot = isBot;
        }

        return _lastIsBot;
    }

    private static int Slot(string url) => RuntimeHelpers.GetHashCode(url) & (Slots - 1);

    private readonly record struct Entry(string? Url, string Token, DropReason Reason);
}
