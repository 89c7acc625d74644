using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>Rows dropped for one reason.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Kind">Noise or bad row.</param>
/// <param name="Rows">How many.</param>
public readonly record struct DroppedRows(DropReason Reason, DropKind Kind, long Rows);
