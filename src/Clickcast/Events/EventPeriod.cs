namespace Clickcast.Events;

/// <summary>How normalized events are partitioned in time under <c>events/</c>.</summary>
public enum EventPeriod
{
    /// <summary>One folder per UTC day: <c>date=2026-11-26</c>.</summary>
    Day = 0,

    /// <summary>One folder per UTC hour: <c>hour=2026-11-26T13</c>; for tenants with very large days.</summary>
    Hour,

    /// <summary>One folder per UTC month: <c>month=2026-11</c>; for small tenants.</summary>
    Month,
}
