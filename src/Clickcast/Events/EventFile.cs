using Parquet.Schema;

namespace Clickcast.Events;

/// <summary>
/// The Parquet layout of normalized events: <c>tenant, client_id, ts (TIMESTAMP micros, UTC), url, event_type</c>,
/// strings dictionary-encoded, Snappy-compressed (written by <see cref="EventFileWriter"/>) — readable by DuckDB, pandas and Spark as they are.
/// </summary>
internal static class EventFile
{
    /// <summary>Events per row group: large enough for good compression, small enough to stream.</summary>
    public const int RowGroupSize = 256 * 1024;

    public static readonly DataField Tenant = new DataField<string>("tenant", nullable: false);
    public static readonly DataField ClientId = new DataField<string>("client_id", nullable: false);
    public static readonly DataField Timestamp = new DateTimeDataField("ts", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
    public static readonly DataField Url = new DataField<string>("url", nullable: false);
    public static readonly DataField EventType = new DataField<string>("event_type", nullable: false);

    public static readonly ParquetSchema Schema = new(Tenant, ClientId, Timestamp, Url, EventType);

    /// <summary>Converts microseconds since the epoch to the UTC <see cref="DateTime"/> Parquet.Net writes.</summary>
    public static DateTime ToDateTime(long micros) => new(DateTime.UnixEpoch.Ticks + (micros * 10), DateTimeKind.Utc);

    /// <summary>Converts a UTC <see cref="DateTime"/> back to microseconds since the epoch.</summary>
    public static long ToMicros(DateTime value) => (value.Ticks - DateTime.UnixEpoch.Ticks) / 10;
}
