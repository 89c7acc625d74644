using Clickcast.Events;

namespace Clickcast.Ingestion.Sources;

/// <summary>
/// One row as a source reader sees it, before URL normalization and filtering. Readers report per-row problems
/// in <see cref="Problem"/> instead of throwing, so one bad row never costs the rest of the file.
/// </summary>
/// <param name="Row">1-based row (record, line) number within the source, for error messages.</param>
/// <param name="ClientId">The client id, or null when missing.</param>
/// <param name="TimestampMicros">Event time as microseconds since the Unix epoch, UTC; meaningless when <see cref="Problem"/> is set.</param>
/// <param name="Url">The raw URL, or null when missing.</param>
/// <param name="EventType">The event type, or null when the source has none.</param>
/// <param name="Referrer">The referrer, or null.</param>
/// <param name="UserAgent">The user agent, or null.</param>
/// <param name="Problem">Why the reader could not produce a usable row; <see cref="DropReason.None"/> when it could.</param>
/// <param name="UrlOutcome">
/// What <see cref="Url"/> alone decides, when the reader kept it with the value (<see cref="SourceReadContext.UrlOutcomes"/>);
/// the default (not <see cref="UrlOutcome.IsKnown"/>) otherwise.
/// </param>
internal readonly record struct SourceRecord(
    long Row,
    string? ClientId,
    long TimestampMicros,
    string? Url,
    string? EventType,
    string? Referrer,
    string? UserAgent,
    DropReason Problem,
    UrlOutcome UrlOutcome = default)
{
    /// <summary>A row the reader could not use, with the reason.</summary>
    public static SourceRecord Dropped(long row, DropReason reason) => new(row, null, 0, null, null, null, null, reason);
}
