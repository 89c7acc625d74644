namespace Clickcast.Ingestion;

/// <summary>What happens to a file with rows that cannot be read (missing fields, bad times, invalid UTF-8).</summary>
public enum BadRowPolicy
{
    /// <summary>Bad rows are counted and reported; the file is quarantined only when their share passes the limit.</summary>
    SkipRows = 0,

    /// <summary>Any bad row quarantines the whole file, and none of its events are kept.</summary>
    QuarantineFile,
}
