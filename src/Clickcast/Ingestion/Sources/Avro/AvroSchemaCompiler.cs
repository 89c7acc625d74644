using Avro;

namespace Clickcast.Ingestion.Sources.Avro;

/// <summary>
/// Turns a writer schema into the dotted paths of its readable leaf fields, and into an <see cref="AvroNode"/>
/// tree that captures the fields at given paths and skips the rest.
/// </summary>
internal static class AvroSchemaCompiler
{
    /// <summary>
    /// Paths of the leaves that can hold a client id, time, URL or text (strings, bytes, numbers, enums), through
    /// nested records and unions, in schema order. Arrays, maps, fixed and booleans are not listed: they cannot.
    /// </summary>
    public static IReadOnlyList<string> ListPaths(RecordSchema root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var open = new HashSet<string>(StringComparer.Ordinal) { root.Fullname };
        AddFields(root, prefix: null);
        return paths;

        void AddFields(RecordSchema record, string? prefix)
        {
            foreach (var field in record.Fields)
            {
                Add(field.Schema, prefix is null ? field.Name : prefix + "." + field.Name);
            }
        }

        void Add(Schema schema, string path)
        {
            switch (schema)
            {
                case UnionSchema union:
                    foreach (var branch in union.Schemas)
                    {
                        Add(branch, path);
                    }

                    break;
                case RecordSchema record:
                    // A recursive record lists its fields once: the paths below a repetition are the same fields again.
                    if (open.Add(record.Fullname))
                    {
                        AddFields(record, path);
                        open.Remove(record.Fullname);
                    }

                    break;
                default:
                    if (CaptureKind(schema, out _) is not null && seen.Add(path))
                    {
                        paths.Add(path);
                    }

                    break;
            }
        }
    }

    /// <summary>Compiles a decoder for <paramref name="root"/> that captures the leaves in <paramref name="slots"/> (path → slot).</summary>
    public static AvroNode Compile(RecordSchema root, IReadOnlyDictionary<string, int> slots)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(slots);
        var skipRecords = new Dictionary<string, AvroNode>(StringComparer.Ordinal);
        return CompileRecord(root, prefix: null);

        AvroNode CompileRecord(RecordSchema record, string? prefix)
        {
            var node = AvroNode.Record();
            node.SetFields(record.Fields.Select(f => Compile(f.Schema, prefix is null ? f.Name : prefix + "." + f.Name)).ToList());
            return node;
        }

        AvroNode Compile(Schema schema, string? path)
        {
            if (path is not null && slots.TryGetValue(path, out var slot))
            {
                if (CaptureKind(schema, out var valueKind) is { } kind)
                {
                    return AvroNode.Capture(kind, slot, valueKind, (schema as EnumSchema)?.Symbols.ToArray());
                }

                if (schema.Tag == Schema.Type.Null)
                {
                    return AvroNode.Capture(AvroNodeKind.CaptureNull, slot);
                }
            }

            switch (schema)
            {
                case UnionSchema union:
                    return AvroNode.Union(union.Schemas.Select(b => Compile(b, path)).ToArray());
                case RecordSchema record when path is not null && slots.Keys.Any(p => p.StartsWith(path + ".", StringComparison.Ordinal)):
                    return CompileRecord(record, path);
                case RecordSchema record:
                    return SkipRecord(record);
                case ArraySchema array:
                    return AvroNode.Array(Compile(array.ItemSchema, path: null));
                case MapSchema map:
                    return AvroNode.Map(Compile(map.ValueSchema, path: null));
                case FixedSchema fixedSchema:
                    return AvroNode.SkipFixed(fixedSchema.Size);
                case EnumSchema:
                    return AvroNode.SkipVarint;
                case LogicalSchema logical:
                    return Compile(logical.BaseSchema, path: null);
                default:
                    return schema.Tag switch
                    {
                        Schema.Type.Null => AvroNode.Nothing,
                        Schema.Type.Boolean => AvroNode.SkipFixed(1),
                        Schema.Type.Int or Schema.Type.Long => AvroNode.SkipVarint,
                        Schema.Type.Float => AvroNode.SkipFixed(4),
                        Schema.Type.Double => AvroNode.SkipFixed(8),
                        Schema.Type.String or Schema.Type.Bytes => AvroNode.SkipLengthPrefixed,
                        _ => throw new NotSupportedException($"Avro type '{schema.Tag}' is not supported."),
                    };
            }
        }

        AvroNode SkipRecord(RecordSchema record)
        {
            // Shared per record name, which also ties the knot for recursive records (a linked list refers to itself).
            if (skipRecords.TryGetValue(record.Fullname, out var existing))
            {
                return existing;
            }

            var node = AvroNode.Record();
            skipRecords.Add(record.Fullname, node);
            node.SetFields(record.Fields.Select(f => Compile(f.Schema, path: null)).ToList());
            return node;
        }
    }

    /// <summary>How a leaf of this type is captured, or null when it cannot hold a field Clickcast reads.</summary>
    internal static AvroNodeKind? CaptureKind(Schema schema, out AvroValueKind valueKind)
    {
        valueKind = AvroValueKind.Absent;
        switch (schema)
        {
            case EnumSchema:
                valueKind = AvroValueKind.Symbol;
                return AvroNodeKind.CaptureSymbol;
            case LogicalSchema logical:
                var timeKind = logical.LogicalTypeName switch
                {
                    "timestamp-millis" => AvroValueKind.TimestampMillis,
                    "timestamp-micros" => AvroValueKind.TimestampMicros,
                    "timestamp-nanos" => AvroValueKind.TimestampNanos,
                    "local-timestamp-millis" => AvroValueKind.LocalTimestampMillis,
                    "local-timestamp-micros" => AvroValueKind.LocalTimestampMicros,
                    "local-timestamp-nanos" => AvroValueKind.LocalTimestampNanos,
                    "date" => AvroValueKind.Date,
                    _ => AvroValueKind.Absent,
                };
                if (timeKind != AvroValueKind.Absent && logical.BaseSchema.Tag is Schema.Type.Int or Schema.Type.Long)
                {
                    valueKind = timeKind;
                    return AvroNodeKind.CaptureInteger;
                }

                // Decimals and times of day are numbers that no mapped field means; other logical types
                // (uuid, unknown ones) read as their underlying type, as the specification says.
                return logical.LogicalTypeName is "decimal" or "time-millis" or "time-micros" or "duration" or "big-decimal"
                    ? null
                    : CaptureKind(logical.BaseSchema, out valueKind);
            default:
                switch (schema.Tag)
                {
                    case Schema.Type.String or Schema.Type.Bytes:
                        valueKind = AvroValueKind.Text;
                        return AvroNodeKind.CaptureText;
                    case Schema.Type.Int or Schema.Type.Long:
                        valueKind = AvroValueKind.Integer;
                        return AvroNodeKind.CaptureInteger;
                    case Schema.Type.Float:
                        valueKind = AvroValueKind.Real;
                        return AvroNodeKind.CaptureFloat;
                    case Schema.Type.Double:
                        valueKind = AvroValueKind.Real;
                        return AvroNodeKind.CaptureDouble;
                    default:
                        return null;
                }
        }
    }
}
