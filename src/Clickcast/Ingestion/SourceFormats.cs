using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;
using Clickcast.Ingestion.Sources.Columnar;
using Clickcast.Ingestion.Sources.Text;

namespace Clickcast.Ingestion;

/// <summary>Tells formats apart and hands out their readers.</summary>
internal static class SourceFormats
{
    /// <summary>
    /// Detects the format from the file's first bytes (Avro and Parquet have magic numbers) and otherwise from the
    /// key's extension (a trailing <c>.gz</c> is looked through). Returns <see cref="SourceFormat.Auto"/> when unsure.
    /// </summary>
    public static SourceFormat Detect(string key, ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("Obj\u0001"u8))
        {
            return SourceFormat.Avro;
        }

        if (head.StartsWith("PAR1"u8))
        {
            return SourceFormat.Parquet;
        }

        var name = key.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? key[..^3] : key;
        var extension = Path.GetExtension(name).ToLowerInvariant();
        return extension switch
        {
            ".avro" => SourceFormat.Avro,
            ".parquet" or ".pq" => SourceFormat.Parquet,
            ".csv" => SourceFormat.Csv,
            ".tsv" or ".tab" => SourceFormat.Tsv,
            ".jsonl" or ".ndjson" or ".json" => SourceFormat.JsonLines,
            ".log" => SourceFormat.AccessLog,
            _ when name.Contains("access", StringComparison.OrdinalIgnoreCase) && name.Contains("log", StringComparison.OrdinalIgnoreCase) => SourceFormat.AccessLog,
            _ => SourceFormat.Auto,
        };
    }

    /// <summary>True when the key says the content is gzip-compressed (text formats only).</summary>
    public static bool IsGzip(string key, ReadOnlySpan<byte> head) =>
        head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    public static ISourceReader CreateReader(SourceFormat format, IngestOptions options) => format switch
    {
        SourceFormat.Avro => new AvroSourceReader(),
        SourceFormat.Parquet => new ParquetSourceReader(),
        SourceFormat.Csv => new DelimitedSourceReader(','),
        SourceFormat.Tsv => new DelimitedSourceReader('\t'),
        SourceFormat.JsonLines => new JsonLinesSourceReader(),
        SourceFormat.AccessLog => new AccessLogSourceReader(options.AccessLog),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no reader for this format"),
    };
}
