using System.Globalization;
using System.Text.Json;
using Clickcast.Events;

namespace Clickcast.Ingestion.Sources.Text;

/// <summary>
/// JSON Lines (one JSON object per line). Nested objects give dotted paths (<c>context.page.url</c>); arrays are
/// skipped. Field paths are discovered from the first lines of the file.
/// </summary>
internal sealed class JsonLinesSourceReader : ISourceReader
{
    /// <summary>Lines read ahead to discover the field paths; fields first seen later are still read if mapped.</summary>
    private const int DiscoveryLines = 100;

    public IEnumerable<SourceRecord> Read(Stream content, SourceReadContext context)
    {
        var lines = new Utf8LineReader(content, context.Limits.MaxRecordBytes);
        var head = new List<(long Row, byte[]? Line, bool TooLong)>();
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        while (head.Count < DiscoveryLines && lines.TryReadLine(out var line, out var tooLong))
        {
            var bytes = tooLong ? null : line.ToArray();
            head.Add((lines.LineNumber, bytes, tooLong));
            if (bytes is not null)
            {
                CollectPaths(bytes, paths);
            }
        }

        if (head.Count == 0)
        {
            lines.Dispose();
            throw new SourceFormatException(context.SourceName, null, "the file is empty");
        }

        if (paths.Count == 0)
        {
            lines.Dispose();
            throw new SourceFormatException(context.SourceName, head[0].Row, $"none of the first {head.Count} lines is a JSON object");
        }

        if (!FieldMapping.TryResolve(paths, context.Mapping, out var mapping, out var error))
        {
            lines.Dispose();
            throw new SourceFormatException(context.SourceName, null, error);
        }

        context.ResolvedMapping = mapping;
        return ReadRows(lines, head, mapping, context);
    }

    private static IEnumerable<SourceRecord> ReadRows(Utf8LineReader lines, List<(long Row, byte[]? Line, bool TooLong)> head, ResolvedFieldMapping mapping, SourceReadContext context)
    {
        using (lines)
        {
            string?[] wanted = [mapping.ClientId, mapping.Timestamp, mapping.Url, mapping.EventType, mapping.Referrer, mapping.UserAgent];
            var values = new JsonValue[wanted.Length];
            foreach (var (row, line, tooLong) in head)
            {
                yield return Parse(row, line, tooLong, wanted, values, context);
            }

            while (lines.TryReadLine(out var line, out var tooLong))
            {
                if (!tooLong && line.Span.Trim((byte)' ').IsEmpty)
                {
                    continue;
                }

                yield return Parse(lines.LineNumber, tooLong ? null : line.ToArray(), tooLong, wanted, values, context);
            }
        }
    }

    private static SourceRecord Parse(long row, byte[]? line, bool tooLong, string?[] wanted, JsonValue[] values, SourceReadContext context)
    {
        if (tooLong || line is null)
        {
            return SourceRecord.Dropped(row, DropReason.MalformedRecord);
        }

        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return SourceRecord.Dropped(row, DropReason.InvalidUtf8);
        }

        Array.Clear(values);
        try
        {
            Extract(line, wanted, values);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Utf8JsonReader throws InvalidOperationException for escapes that decode to invalid UTF-16 (a lone \uD800).
            return SourceRecord.Dropped(row, DropReason.MalformedRecord);
        }

        var time = values[1];
        long micros;
        DropReason timeProblem;
        if (time.IsNumber)
        {
            var parsed = time.Integer is { } whole
                ? context.Timestamps.TryFromEpoch(whole, out micros)
                : context.Timestamps.TryFromEpoch(time.Number, out micros);
            timeProblem = parsed ? DropReason.None : DropReason.InvalidTimestamp;
        }
        else
        {
            timeProblem = TextRecords.ParseTime(time.Text, context, out micros);
        }

        return TextRecords.Build(row, values[0].Text, timeProblem, micros, values[2].Text, values[3].Text, values[4].Text, values[5].Text, context);
    }

    private static void Extract(byte[] line, string?[] wanted, JsonValue[] values)
    {
        if (!Walk(line, wanted, values, null))
        {
            throw new JsonException("not an object");
        }
    }

    /// <summary>
    /// Walks the scalar values of one line's JSON object (arrays skipped), tracking the path of nested objects: each
    /// string or number at a <paramref name="wanted"/> path goes to <paramref name="values"/>, and every scalar's
    /// dotted path to <paramref name="paths"/>. False when the line is not an object.
    /// </summary>
    private static bool Walk(byte[] line, string?[]? wanted, JsonValue[]? values, SortedSet<string>? paths)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var path = new List<string>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    break;
                case JsonTokenType.StartObject:
                    path.Add(property ?? string.Empty);
                    property = null;
                    break;
                case JsonTokenType.EndObject:
                    if (path.Count > 0)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    break;
                case JsonTokenType.StartArray:
                    reader.Skip();
                    property = null;
                    break;
                default:
                    if (property is not null)
                    {
                        paths?.Add(path.Count == 0 ? property : string.Join('.', path) + "." + property);
                        if (wanted is not null && reader.TokenType is JsonTokenType.String or JsonTokenType.Number && IndexOf(wanted, path, property) is var index and >= 0)
                        {
                            values![index] = reader.TokenType == JsonTokenType.String
                                ? new JsonValue(reader.GetString(), false, 0, null)
                                : NumberValue(ref reader);
                        }
                    }

                    property = null;
                    break;
            }
        }

        return true;
    }

    private static JsonValue NumberValue(ref Utf8JsonReader reader)
    {
        var text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        long? whole = reader.TryGetInt64(out var integer) ? integer : null;
        var number = reader.TryGetDouble(out var d) ? d : double.NaN;
        return new JsonValue(text, true, number, whole);
    }

    private static int IndexOf(string?[] wanted, List<string> path, string? property)
    {
        for (var i = 0; i < wanted.Length; i++)
        {
            if (wanted[i] is { } target && Matches(target, path, property))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Matches(string target, List<string> path, string? property)
    {
        if (property is null)
        {
            return false;
        }

        var span = target.AsSpan();
        foreach (var segment in path)
        {
            if (!span.StartsWith(segment, StringComparison.Ordinal) || span.Length <= segment.Length || span[segment.Length] != '.')
            {
                return false;
            }

            span = span[(segment.Length + 1)..];
        }

        return span.SequenceEqual(property);
    }

    private static void CollectPaths(byte[] line, SortedSet<string> paths)
    {
        try
        {
            Walk(line, null, null, paths);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // A malformed line contributes no paths; it is reported as a dropped row when read.
        }
    }

    private readonly record struct JsonValue(string? Text, bool IsNumber, double Number, long? Integer);
}
