using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using Avro;
using Clickcast.Events;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// The decoder compiled once per file from its writer schema and the resolved field mapping: it walks each
/// record's encoding, keeps the mapped fields and turns them into a <see cref="SourceRecord"/>. Disposing it gives its
/// string tables' buffers back for the next file.
/// </summary>
internal sealed class AvroProjection : IDisposable
{
    private const int ClientIdField = 0;
    private const int TimestampField = 1;
    private const int UrlField = 2;
    private const int EventTypeField = 3;
    private const int ReferrerField = 4;
    private const int UserAgentField = 5;
    private const int FieldCount = 6;

    /// <summary>Longest text time read, in bytes; real ones are under 40.</summary>
    private const int MaxTimestampBytes = 128;

    private readonly AvroNode _root;
    private readonly AvroCapture[] _captures;
    private readonly int[] _slotOfField;
    private readonly AvroStringCache[] _caches;
    private readonly IngestLimits _limits;
    private readonly TimestampParser _timestamps;

    private AvroProjection(AvroNode root, int slotCount, int[] slotOfField, ResolvedFieldMapping mapping, SourceReadContext context)
    {
        _root = root;
        _captures = new AvroCapture[slotCount];
        _slotOfField = slotOfField;
        _caches = new AvroStringCache[FieldCount];
        for (var i = 0; i < FieldCount; i++)
        {
            // The URL's outcome is kept beside its string: a repeated URL then costs this table's lookup alone.
            _caches[i] = i == UrlField ? new AvroStringCache(outcomes: context.UrlOutcomes, outcomeKey: context.UrlOutcomeKey) : new AvroStringCache();
        }

        _limits = context.Limits;
        _timestamps = context.Timestamps;
        Mapping = mapping;
    }

    /// <summary>The fields this decoder reads.</summary>
    public ResolvedFieldMapping Mapping { get; }

    /// <summary>
    /// Resolves the mapping against the schema's leaf paths and compiles the decoder.
    /// </summary>
    /// <exception cref="SourceFormatException">The schema has no field for a required mapping.</exception>
    public static AvroProjection Create(RecordSchema schema, SourceReadContext context)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var paths = AvroSchemaCompiler.ListPaths(schema);
        if (!FieldMapping.TryResolve(paths, context.Mapping, out var mapping, out var error))
        {
            throw new SourceFormatException(context.SourceName, null, error);
        }

        string?[] fieldPaths = [mapping.ClientId, mapping.Timestamp, mapping.Url, mapping.EventType, context.SkipReferrer ? null : mapping.Referrer, mapping.UserAgent];
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var slotOfField = new int[FieldCount];
        for (var field = 0; field < FieldCount; field++)
        {
            if (fieldPaths[field] is not { } path)
            {
                slotOfField[field] = -1;
                continue;
            }

            // Two fields configured to one path share its slot.
            if (!slots.TryGetValue(path, out var slot))
            {
                slot = slots.Count;
                slots.Add(path, slot);
            }

            slotOfField[field] = slot;
        }

        var root = AvroSchemaCompiler.Compile(schema, slots);
        return new AvroProjection(root, slots.Count, slotOfField, mapping, context);
    }

    public void Dispose()
    {
        foreach (var cache in _caches)
        {
            cache.Dispose();
        }
    }

    /// <summary>Decodes the record at the cursor into a row; throws <see cref="InvalidDataException"/> when its encoding is broken.</summary>
    public SourceRecord Decode(ref AvroCursor cursor, long row)
    {
        var captures = _captures;
        for (var i = 0; i < captures.Length; i++)
        {
            captures[i].Kind = AvroValueKind.Absent;
        }

        _root.Read(ref cursor, captures);
        return Build(cursor.Data, row);
    }

    private SourceRecord Build(ReadOnlySpan<byte> block, long row)
    {
        var problem = ReadText(block, ClientIdField, _limits.MaxClientIdLength, DropReason.ClientIdTooLong, out var clientId, out _);
        if (problem != DropReason.None)
        {
            return SourceRecord.Dropped(row, problem);
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return SourceRecord.Dropped(row, DropReason.MissingClientId);
        }

        problem = ReadTime(block, out var micros);
        if (problem != DropReason.None)
        {
            return SourceRecord.Dropped(row, problem);
        }

        problem = ReadText(block, UrlField, _limits.MaxUrlLength, DropReason.UrlTooLong, out var url, out var urlOutcome);
        if (problem != DropReason.None)
        {
            return SourceRecord.Dropped(row, problem);
        }

        if (url is null)
        {
            return SourceRecord.Dropped(row, DropReason.MissingUrl);
        }

        // Optional text fields have no length limit of their own; MaxRecordBytes still keeps a hostile value out.
        if ((problem = ReadText(block, EventTypeField, int.MaxValue, DropReason.MalformedRecord, out var eventType, out _)) != DropReason.None
            || (problem = ReadText(block, ReferrerField, int.MaxValue, DropReason.MalformedRecord, out var referrer, out _)) != DropReason.None
            || (problem = ReadText(block, UserAgentField, int.MaxValue, DropReason.MalformedRecord, out var userAgent, out _)) != DropReason.None)
        {
            return SourceRecord.Dropped(row, problem);
        }

        return new SourceRecord(row, clientId, micros, url, eventType, referrer, userAgent, DropReason.None, urlOutcome);
    }

    /// <summary>Reads a text field; <paramref name="outcome"/> is what its field's string table keeps beside the value, if anything.</summary>
    private DropReason ReadText(ReadOnlySpan<byte> block, int field, int maxChars, DropReason tooLong, out string? value, out UrlOutcome outcome)
    {
        value = null;
        outcome = default;
        var slot = _slotOfField[field];
        if (slot < 0)
        {
            return DropReason.None;
        }

        ref readonly var capture = ref _captures[slot];
        switch (capture.Kind)
        {
            case AvroValueKind.Absent or AvroValueKind.Null:
                return DropReason.None;
            case AvroValueKind.Text:
                if (capture.Length > _limits.MaxRecordBytes)
                {
                    return tooLong;
                }

                if (!_caches[field].TryGetString(block.Slice(capture.Offset, capture.Length), out value, out outcome))
                {
                    return DropReason.InvalidUtf8;
                }

                break;
            case AvroValueKind.Symbol:
                value = capture.Symbol;
                break;
            case AvroValueKind.Real:
                value = capture.Real.ToString("R", CultureInfo.InvariantCulture);
                break;
            default:
                value = capture.Integer.ToString(CultureInfo.InvariantCulture);
                break;
        }

        return value!.Length > maxChars ? tooLong : DropReason.None;
    }

    private DropReason ReadTime(ReadOnlySpan<byte> block, out long micros)
    {
        micros = 0;
        var slot = _slotOfField[TimestampField];
        ref readonly var capture = ref _captures[slot];
        var value = capture.Integer;
        var valid = capture.Kind switch
        {
            AvroValueKind.Absent or AvroValueKind.Null => (bool?)null,
            AvroValueKind.TimestampMillis => TryScale(value, 1_000, out micros),
            AvroValueKind.TimestampMicros => TryScale(value, 1, out micros),
            AvroValueKind.TimestampNanos => TryScale(value / 1_000, 1, out micros),
            AvroValueKind.LocalTimestampMillis => TryLocal(value, 1_000, out micros),
            AvroValueKind.LocalTimestampMicros => TryLocal(value, 1, out micros),
            AvroValueKind.LocalTimestampNanos => TryLocal(value / 1_000, 1, out micros),
            AvroValueKind.Date => TryScale(value, 86_400_000_000, out micros),
            AvroValueKind.Integer => _timestamps.TryFromEpoch(value, out micros),
            AvroValueKind.Real => _timestamps.TryFromEpoch(capture.Real, out micros),
            AvroValueKind.Text => TryParseText(block.Slice(capture.Offset, capture.Length), out micros),
            _ => false,
        };

        return valid switch
        {
            null => DropReason.MissingTimestamp,
            true => DropReason.None,
            false when capture.Kind == AvroValueKind.Text && !Utf8.IsValid(block.Slice(capture.Offset, capture.Length)) => DropReason.InvalidUtf8,
            false => DropReason.InvalidTimestamp,
        };
    }

    private static bool TryScale(long value, long microsPerUnit, out long micros)
    {
        // Out-of-range values are rejected before multiplying, so the product cannot overflow.
        micros = 0;
        if (value < TimestampParser.MinMicros / microsPerUnit || value > TimestampParser.MaxMicros / microsPerUnit)
        {
            return false;
        }

        micros = value * microsPerUnit;
        return micros is >= TimestampParser.MinMicros and <= TimestampParser.MaxMicros;
    }

    private bool TryLocal(long value, long microsPerUnit, out long micros)
    {
        // A day's margin on each side: the zone's offset moves the instant by less than that.
        const long Day = 86_400_000_000;
        micros = 0;
        if (value < (TimestampParser.MinMicros - Day) / microsPerUnit || value > (TimestampParser.MaxMicros + Day) / microsPerUnit)
        {
            return false;
        }

        var wallClock = new DateTime(DateTime.UnixEpoch.Ticks + (value * microsPerUnit * 10), DateTimeKind.Unspecified);
        try
        {
            return _timestamps.TryFromDateTime(wallClock, out micros);
        }
        catch (ArgumentException)
        {
            // A wall-clock time skipped by a daylight-saving change never happened in that zone.
            return false;
        }
    }

    private bool TryParseText(ReadOnlySpan<byte> utf8, out long micros)
    {
        micros = 0;
        if (utf8.Length > MaxTimestampBytes)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxTimestampBytes];
        if (Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        try
        {
            return _timestamps.TryParse(chars[..written], out micros);
        }
        catch (ArgumentException)
        {
            // A text time without offset inside a daylight-saving gap of the configured zone does not exist.
            return false;
        }
    }
}
