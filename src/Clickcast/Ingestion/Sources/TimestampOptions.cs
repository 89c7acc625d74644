namespace Clickcast.Ingestion.Sources;

/// <summary>How a source writes its event times.</summary>
public sealed class TimestampOptions
{
    /// <summary>Unit of numeric times (epoch offsets). <see cref="EpochUnit.Auto"/> infers it from the magnitude.</summary>
    public EpochUnit Unit { get; set; } = EpochUnit.Auto;

    /// <summary>
    /// .NET custom format of text times (e.g. <c>dd/MMM/yyyy:HH:mm:ss zzz</c>); null accepts ISO 8601 / RFC 3339,
    /// RFC 1123, the access-log format and numeric text.
    /// </summary>
    public string? Format { get; set; }

    /// <summary>IANA or Windows time-zone id for text times that carry no offset.</summary>
    public string TimeZone { get; set; } = "UTC";
}
