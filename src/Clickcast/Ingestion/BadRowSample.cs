using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>One bad row named in a report, so a person can find it in the file.</summary>
/// <param name="Row">1-based row (record or line) number.</param>
/// <param name="Reason">Why it was dropped.</param>
public sealed record BadRowSample(long Row, DropReason Reason);
