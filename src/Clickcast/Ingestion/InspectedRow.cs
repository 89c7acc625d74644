using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>One source row as ingest would normalize it.</summary>
/// <param name="Row">1-based row number in the file.</param>
/// <param name="ClientId">The client id read.</param>
/// <param name="Time">The event time, UTC, when it parsed.</param>
/// <param name="RawUrl">The URL as written in the file.</param>
/// <param name="Token">The URL token ingest would keep, or null when the row is dropped.</param>
/// <param name="EventType">The event type (the default when the source has none).</param>
/// <param name="Dropped">Why the row would be dropped; <see cref="DropReason.None"/> when it is kept.</param>
public sealed record InspectedRow(long Row, string? ClientId, DateTimeOffset? Time, string? RawUrl, string? Token, string? EventType, DropReason Dropped);
