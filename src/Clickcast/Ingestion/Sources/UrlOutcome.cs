using Clickcast.Events;

namespace Clickcast.Ingestion.Sources;

/// <summary>
/// What a URL value decides about its row on its own, as the ingest's normalizer answers it: the stored token, or why
/// the row is dropped. A reader that keeps one string for a repeated value can keep this answer beside it
/// (<see cref="SourceReadContext.UrlOutcomes"/>), so a repeated URL costs its reader's lookup and nothing more.
/// </summary>
/// <param name="Token">The stored token; empty when the row is dropped.</param>
/// <param name="Reason">Why the row is dropped, or <see cref="DropReason.None"/>.</param>
internal readonly record struct UrlOutcome(string Token, DropReason Reason)
{
    /// <summary>False for the default value: no answer was kept for the URL, so it is still to be asked.</summary>
    public bool IsKnown => Token is not null;
}
