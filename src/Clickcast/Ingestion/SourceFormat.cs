namespace Clickcast.Ingestion;

/// <summary>File formats Clickcast reads.</summary>
public enum SourceFormat
{
    /// <summary>Detected from the object key's extension and the file's first bytes.</summary>
    Auto = 0,

    /// <summary>Avro object container file.</summary>
    Avro,

    /// <summary>Apache Parquet.</summary>
    Parquet,

    /// <summary>Comma-separated values with a header row.</summary>
    Csv,

    /// <summary>Tab-separated values with a header row.</summary>
    Tsv,

    /// <summary>One JSON object per line.</summary>
    JsonLines,

    /// <summary>Web-server access log, Common or Combined Log Format.</summary>
    AccessLog,
}
