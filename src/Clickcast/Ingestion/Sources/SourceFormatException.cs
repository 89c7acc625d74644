namespace Clickcast.Ingestion.Sources;

/// <summary>A source file cannot be read as a whole: it is quarantined with this message.</summary>
public sealed class SourceFormatException : Exception
{
    public SourceFormatException()
    {
        SourceName = string.Empty;
    }

    public SourceFormatException(string message)
        : base(message)
    {
        SourceName = string.Empty;
    }

    public SourceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = string.Empty;
    }

    /// <summary>Creates the exception with a message that names the source and, when known, the row.</summary>
    public SourceFormatException(string sourceName, long? row, string reason, Exception? innerException = null)
        : base(Describe(sourceName, row, reason), innerException)
    {
        SourceName = sourceName;
        Row = row;
        Reason = reason;
    }

    /// <summary>The object key or file name.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based row (record, line) at which reading failed, when known.</summary>
    public long? Row { get; }

    /// <summary>The reason without the source name.</summary>
    public string? Reason { get; }

    private static string Describe(string sourceName, long? row, string reason) =>
        row is { } r ? $"{sourceName}, row {r}: {reason}" : $"{sourceName}: {reason}";
}
