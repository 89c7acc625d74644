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
/// <param name="UrlSlot">
/// Where the reader keeps <see cref="Url"/>'s string instance among the values it hands out again (the Avro reader's
/// string table), the same for every row with that very instance; -1 when it keeps none. A per-URL memo can sit at
/// that index instead of hashing the URL again; it must still check the instance, since a slot is reused.
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
    int UrlSlot = -1)
{
    /// <summary>A row the reader could not use, with the reason.</summary>
    public static SourceRecord Dropped(long row, DropReason reason) => new(row, null, 0, null, null, null, null, reason);
}
