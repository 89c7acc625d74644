using Clickcast.Events;
using Parquet;
using Parquet.Schema;

namespace Clickcast.Sequences;

/// <summary>
/// The Parquet layout of a sequence segment: one row per client, sorted by <c>client_hash</c> then
/// <c>client_id</c>; <c>urls</c>, <c>ts</c>, <c>event_types</c> and <c>deltas</c> are aligned lists, oldest first.
/// </summary>
internal static class SegmentFile
{
    /// <summary>Clients per row group: readers hold one row group per open segment.</summary>
    public const int ClientsPerRowGroup = 20_000;

    public static readonly DataField ClientHash = new DataField<long>("client_hash", nullable: false);
    public static readonly DataField ClientId = new DataField<string>("client_id", nullable: false);
    public static readonly DataField FirstEvent = new DateTimeDataField("first_ts", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
    public static readonly DataField LastEvent = new DateTimeDataField("last_ts", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
    public static readonly DataField EventCount = new DataField<long>("event_count", nullable: false);
    public static readonly DataField UpdatedGeneration = new DataField<long>("updated_generation", nullable: false);
    public static readonly DataField UrlItem = new DataField<string>("element", nullable: false);
    public static readonly DataField TimeItem = new DataField<long>("element", nullable: false);
    public static readonly DataField TypeItem = new DataField<string>("element", nullable: false);
    public static readonly DataField DeltaItem = new DataField<float>("element", nullable: false);

    public static readonly ParquetSchema Schema = new(
        ClientHash,
        ClientId,
        FirstEvent,
        LastEvent,
        EventCount,
        UpdatedGeneration,
        new ListField("urls", UrlItem),
        new ListField("ts_us", TimeItem),
        new ListField("event_types", TypeItem),
        new ListField("deltas", DeltaItem));

    public static ParquetOptions WriteOptions()
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        options.ColumnEncodingHints[UrlItem.Path.ToString()] = EncodingHint.Dictionary;
        options.ColumnEncodingHints[TypeItem.Path.ToString()] = EncodingHint.Dictionary;
        return options;
    }
}
