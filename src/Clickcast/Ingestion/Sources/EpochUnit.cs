namespace Clickcast.Ingestion.Sources;

/// <summary>Unit of a numeric event time counted from the Unix epoch.</summary>
public enum EpochUnit
{
    /// <summary>Inferred from the magnitude: seconds, milliseconds, microseconds or nanoseconds for present-day times.</summary>
    Auto = 0,

    /// <summary>Seconds.</summary>
    Seconds,

    /// <summary>Milliseconds.</summary>
    Milliseconds,

    /// <summary>Microseconds.</summary>
    Microseconds,

    /// <summary>Nanoseconds.</summary>
    Nanoseconds,
}
