using System.Text;
using Clickcast.Events;

namespace Clickcast.Ingestion.Sources.Text;

/// <summary>
/// CSV and TSV (RFC 4180 quoting: quoted fields may hold delimiters, doubled quotes and newlines). The header
/// row's names, or the configured <see cref="FieldMappingOptions.Columns"/> of a headerless file, are the field
/// paths the mapping resolves against.
/// </summary>
internal sealed class DelimitedSourceReader : ISourceReader
{
    private readonly byte? _delimiter;

    /// <summary>Creates a reader; a null delimiter is sniffed from the header (tab, comma, semicolon, pipe).</summary>
    public DelimitedSourceReader(char? delimiter)
    {
        _delimiter = delimiter is { } d ? checked((byte)d) : null;
    }

    public IEnumerable<SourceRecord> Read(Stream content, SourceReadContext context)
    {
        var lines = new Utf8LineReader(content, context.Limits.MaxRecordBytes);
        try
        {
            return ReadHeader(lines, context);
        }
        catch
        {
            lines.Dispose();
            throw;
        }
    }

    private IEnumerable<SourceRecord> ReadHeader(Utf8LineReader lines, SourceReadContext context)
    {
        if (context.Mapping.Columns.Count > 0)
        {
            var configured = context.Mapping.Columns.Select(c => c?.Trim() ?? string.Empty).ToList();
            if (configured.Any(string.IsNullOrEmpty) || configured.Distinct(StringComparer.Ordinal).Count() != configured.Count)
            {
                throw new SourceFormatException(context.SourceName, null, "the configured column names (Mapping.Columns) must be non-empty and distinct");
            }

            if (!FieldMapping.TryResolve(configured, context.Mapping, out var configuredMapping, out var configuredError))
            {
                throw new SourceFormatException(context.SourceName, null, configuredError);
            }

            context.ResolvedMapping = configuredMapping;
            return ReadRows(lines, context, _delimiter ?? (byte)',', new ColumnSet(configured, configuredMapping));
        }

        if (!lines.TryReadLine(out var headerLine, out var headerTooLong) || headerTooLong)
        {
            throw new SourceFormatException(context.SourceName, 1, headerTooLong ? "the header line is longer than the record limit" : "the file is empty: no header line");
        }

        var header = Utf8Text.WithoutBom(headerLine.Span);
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            throw new SourceFormatException(context.SourceName, 1, "the header line is not valid UTF-8");
        }

        var delimiter = _delimiter ?? Sniff(header);
        var names = new List<string>();
        var fields = new List<Range>();
        var scratch = new List<byte>();
        if (!Split(header, delimiter, fields, scratch, out _))
        {
            throw new SourceFormatException(context.SourceName, 1, "the header line has an unterminated quote");
        }

        foreach (var range in fields)
        {
            names.Add(Encoding.UTF8.GetString(Field(header, range, scratch)).Trim());
        }

        if (!FieldMapping.TryResolve(names, context.Mapping, out var mapping, out var error))
        {
            throw new SourceFormatException(context.SourceName, 1, error);
        }

        context.ResolvedMapping = mapping;
        var columns = new ColumnSet(names, mapping);
        return ReadRows(lines, context, delimiter, columns);
    }

    /// <summary>Reads the data rows lazily; owns and disposes <paramref name="lines"/>.</summary>
    private static IEnumerable<SourceRecord> ReadRows(Utf8LineReader lines, SourceReadContext context, byte delimiter, ColumnSet columns)
    {
        using var owned = lines;
        var fields = new List<Range>();
        var scratch = new List<byte>();
        var pending = new List<byte>();
        var values = new string?[ColumnSet.Count];
        while (lines.TryReadLine(out var line, out var tooLong))
        {
            var row = lines.LineNumber;
            if (tooLong)
            {
                yield return SourceRecord.Dropped(row, DropReason.MalformedRecord);
                continue;
            }

            ReadOnlySpan<byte> text = line.Span;
            if (pending.Count > 0)
            {
                pending.Add((byte)'\n');
                pending.AddRange(text);
                text = pending.ToArray();
            }

            if (!Split(text, delimiter, fields, scratch, out var openQuote))
            {
                if (openQuote && text.Length <= context.Limits.MaxRecordBytes)
                {
                    // A quoted field runs on to the next line.
                    if (pending.Count == 0)
                    {
                        pending.AddRange(text);
                    }

                    continue;
                }

                pending.Clear();
                yield return SourceRecord.Dropped(row, DropReason.MalformedRecord);
                continue;
            }

            pending.Clear();
            if (text.IsEmpty || (fields.Count == 1 && text.Trim((byte)' ').IsEmpty))
            {
                continue;
            }

            yield return ToRecord(row, text, fields, scratch, columns, values, context);
        }

        if (pending.Count > 0)
        {
            yield return SourceRecord.Dropped(lines.LineNumber, DropReason.MalformedRecord);
        }
    }

    private static SourceRecord ToRecord(long row, ReadOnlySpan<byte> text, List<Range> fields, List<byte> scratch, ColumnSet columns, string?[] values, SourceReadContext context)
    {
        for (var i = 0; i < ColumnSet.Count; i++)
        {
            var index = columns.Indexes[i];
            values[i] = null;
            if (index < 0 || index >= fields.Count)
            {
                continue;
            }

            var raw = Field(text, fields[index], scratch);
            if (raw.IsEmpty)
            {
                continue;
            }

            if (!Utf8Text.TryDecode(raw, out var value))
            {
                return SourceRecord.Dropped(row, DropReason.InvalidUtf8);
            }

            values[i] = value;
        }

        return TextRecords.Build(row, values[0], values[1], values[2], values[3], values[4], values[5], context);
    }

    /// <summary>Splits one record into field ranges; false when a quote is left open (or stray text follows a quote).</summary>
    private static bool Split(ReadOnlySpan<byte> line, byte delimiter, List<Range> fields, List<byte> scratch, out bool openQuote)
    {
        fields.Clear();
        openQuote = false;
        var position = 0;
        while (true)
        {
            var start = position;
            if (position < line.Length && line[position] == '"')
            {
                position++;
                while (true)
                {
                    var quote = line[position..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        openQuote = true;
                        return false;
                    }

                    position += quote + 1;
                    if (position < line.Length && line[position] == '"')
                    {
                        position++;
                        continue;
                    }

                    break;
                }

                if (position < line.Length && line[position] != delimiter)
                {
                    return false;
                }
            }
            else
            {
                var next = line[position..].IndexOf(delimiter);
                position = next < 0 ? line.Length : position + next;
            }

            fields.Add(start..position);
            if (position >= line.Length)
            {
                return true;
            }

            position++; // past the delimiter
            if (position == line.Length)
            {
                fields.Add(position..position);
                return true;
            }
        }
    }

    /// <summary>The field's bytes with surrounding quotes removed and doubled quotes collapsed.</summary>
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, Range range, List<byte> scratch)
    {
        var field = line[range];
        if (field.Length < 2 || field[0] != '"')
        {
            return field;
        }

        field = field[1..^1];
        if (field.IndexOf("\"\""u8) < 0)
        {
            return field;
        }

        scratch.Clear();
        for (var i = 0; i < field.Length; i++)
        {
            scratch.Add(field[i]);
            if (field[i] == '"' && i + 1 < field.Length && field[i + 1] == '"')
            {
                i++;
            }
        }

        return scratch.ToArray();
    }

    private static byte Sniff(ReadOnlySpan<byte> header)
    {
        ReadOnlySpan<byte> candidates = "\t,;|"u8;
        var best = (byte)',';
        var bestCount = 0;
        foreach (var candidate in candidates)
        {
            var count = header.Count(candidate);
            if (count > bestCount)
            {
                best = candidate;
                bestCount = count;
            }
        }

        return best;
    }

    /// <summary>Column indexes of the six mapped fields, in the order TextRecords.Build takes them.</summary>
    private sealed class ColumnSet
    {
        public const int Count = 6;

        public ColumnSet(List<string> names, ResolvedFieldMapping mapping)
        {
            Indexes = [Find(mapping.ClientId), Find(mapping.Timestamp), Find(mapping.Url), Find(mapping.EventType), Find(mapping.Referrer), Find(mapping.UserAgent)];

            int Find(string? name) => name is null ? -1 : names.IndexOf(name);
        }

        public int[] Indexes { get; }
    }
}
