namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>What a captured field held in the current record, and how its number is to be read.</summary>
internal enum AvroValueKind : byte
{
    /// <summary>The record did not reach the field (a union took another branch above it).</summary>
    Absent = 0,

    /// <summary>The field's union took its <c>null</c> branch.</summary>
    Null,

    /// <summary>A string or bytes value: UTF-8 at <see cref="AvroCapture.Offset"/> in the block.</summary>
    Text,

    /// <summary>An enum symbol, held as the schema's string.</summary>
    Symbol,

    /// <summary>An <c>int</c> or <c>long</c> without a time logical type.</summary>
    Integer,

    /// <summary>A <c>float</c> or <c>double</c>.</summary>
    Real,

    /// <summary>Milliseconds since the epoch, UTC.</summary>
    TimestampMillis,

    /// <summary>Microseconds since the epoch, UTC.</summary>
    TimestampMicros,

    /// <summary>Nanoseconds since the epoch, UTC.</summary>
    TimestampNanos,

    /// <summary>Milliseconds since the epoch on a wall clock whose zone the configuration names.</summary>
    LocalTimestampMillis,

    /// <summary>Microseconds since the epoch on a wall clock whose zone the configuration names.</summary>
    LocalTimestampMicros,

    /// <summary>Nanoseconds since the epoch on a wall clock whose zone the configuration names.</summary>
    LocalTimestampNanos,

    /// <summary>Days since the epoch.</summary>
    Date,
}
