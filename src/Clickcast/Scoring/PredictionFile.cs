using Parquet;
using Parquet.Schema;

namespace Clickcast.Scoring;

/// <summary>
/// The Parquet layout of predictions: <c>tenant, task, client_id, probability (double), percentile (double),
/// bucket, above_threshold (bool), model_version (int32), scored_at (TIMESTAMP micros, UTC)</c>, strings
/// dictionary-encoded, Snappy-compressed.
/// </summary>
internal static class PredictionFile
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupSize = 64 * 1024;

    /// <summary>The extension of predictions files; the name before it is the file's id.</summary>
    public const string Extension = ".parquet";

    public static readonly DataField Tenant = new DataField<string>("tenant", nullable: false);
    public static readonly DataField Task = new DataField<string>("task", nullable: false);
    public static readonly DataField ClientId = new DataField<string>("client_id", nullable: false);
    public static readonly DataField Probability = new DataField<double>("probability", nullable: false);
    public static readonly DataField Percentile = new DataField<double>("percentile", nullable: false);
    public static readonly DataField Bucket = new DataField<string>("bucket", nullable: false);
    public static readonly DataField AboveThreshold = new DataField<bool>("above_threshold", nullable: false);
    public static readonly DataField ModelVersion = new DataField<int>("model_version", nullable: false);
    public static readonly DataField ScoredAt = new DateTimeDataField("scored_at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);

    public static readonly ParquetSchema Schema = new(Tenant, Task, ClientId, Probability, Percentile, Bucket, AboveThreshold, ModelVersion, ScoredAt);

    public static ParquetOptions WriteOptions()
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        foreach (var field in new[] { Tenant, Task, ClientId, Bucket })
        {
            options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
        }

        return options;
    }

    /// <summary>Truncates to the microseconds a file keeps, so a value read back equals the value written.</summary>
    public static DateTime ToStoredTime(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }
}
