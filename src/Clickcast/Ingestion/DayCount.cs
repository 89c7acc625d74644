namespace Clickcast.Ingestion;

/// <summary>Events on one UTC day.</summary>
/// <param name="Day">The day (UTC).</param>
/// <param name="Events">Events whose time falls on it.</param>
public readonly record struct DayCount(DateOnly Day, long Events);
