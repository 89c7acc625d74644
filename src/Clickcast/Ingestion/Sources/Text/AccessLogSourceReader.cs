using System.Buffers.Text;
using System.IO.Hashing;
using System.Text;
using Clickcast.Events;

namespace Clickcast.Ingestion.Sources.Text;

/// <summary>
/// Web-server access logs in Common or Combined Log Format:
/// <c>host ident user [time] "METHOD path PROTOCOL" status bytes ["referrer" "user agent"]</c>.
/// The client is the remote host; the URL is the request path (made absolute by the URL settings' default host).
/// </summary>
internal sealed class AccessLogSourceReader : ISourceReader
{
    private static readonly ResolvedFieldMapping Mapping = new("remote_host", "time", "request_path", "page_view", "referrer", "user_agent");

    private readonly AccessLogOptions _options;

    public AccessLogSourceReader(AccessLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public IEnumerable<SourceRecord> Read(Stream content, SourceReadContext context)
    {
        context.ResolvedMapping = Mapping;
        return ReadLines(content, context);
    }

    private IEnumerable<SourceRecord> ReadLines(Stream content, SourceReadContext context)
    {
        using var lines = new Utf8LineReader(content, context.Limits.MaxRecordBytes);
        var any = false;
        var parsedAny = false;
        while (lines.TryReadLine(out var line, out var tooLong))
        {
            var row = lines.LineNumber;
            if (tooLong)
            {
                any = true;
                yield return SourceRecord.Dropped(row, DropReason.MalformedRecord);
                continue;
            }

            if (line.Span.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            any = true;
            var record = Parse(row, line.Span, context);
            parsedAny |= record.Problem != DropReason.MalformedRecord;

            // Nothing in the first lines looks like an access log: this is some other file, not a log with bad rows.
            if (!parsedAny && row >= 20)
            {
                throw new SourceFormatException(context.SourceName, row, "none of the first lines is in Common or Combined Log Format");
            }

            yield return record;
        }

        if (!any)
        {
            throw new SourceFormatException(context.SourceName, null, "the file is empty");
        }

        if (!parsedAny)
        {
            throw new SourceFormatException(context.SourceName, lines.LineNumber, "no line is in Common or Combined Log Format");
        }
    }

    private SourceRecord Parse(long row, ReadOnlySpan<byte> line, SourceReadContext context)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return SourceRecord.Dropped(row, DropReason.InvalidUtf8);
        }

        // host ident user
        if (!NextToken(ref line, out var host) || !NextToken(ref line, out _) || !NextToken(ref line, out _))
        {
            return SourceRecord.Dropped(row, DropReason.MalformedRecord);
        }

        // [time]
        line = line.TrimStart((byte)' ');
        if (line.IsEmpty || line[0] != '[')
        {
            return SourceRecord.Dropped(row, DropReason.MalformedRecord);
        }

        var close = line.IndexOf((byte)']');
        if (close < 0)
        {
            return SourceRecord.Dropped(row, DropReason.MalformedRecord);
        }

        var time = line[1..close];
        line = line[(close + 1)..];

        // "request"
        if (!NextQuoted(ref line, out var request))
        {
            return SourceRecord.Dropped(row, DropReason.MalformedRecord);
        }

        NextToken(ref line, out var statusText);
        NextToken(ref line, out _); // bytes
        var hasReferrer = NextQuoted(ref line, out var referrer);
        scoped ReadOnlySpan<byte> userAgent = default;
        var hasUserAgent = hasReferrer && NextQuoted(ref line, out userAgent);

        // "GET /path HTTP/1.1"; a bare "-" or garbage request is not a page view.
        var firstSpace = request.IndexOf((byte)' ');
        var method = firstSpace < 0 ? request : request[..firstSpace];
        var rest = firstSpace < 0 ? default : request[(firstSpace + 1)..];
        var lastSpace = rest.LastIndexOf((byte)' ');
        var path = lastSpace < 0 ? rest : rest[..lastSpace];

        if (_options.PageViewsOnly)
        {
            var ok = Utf8Parser.TryParse(statusText, out int status, out var consumed) && consumed == statusText.Length && status < 400;
            if (!ok || !method.SequenceEqual("GET"u8))
            {
                return SourceRecord.Dropped(row, DropReason.NotAPageView);
            }
        }

        if (path.IsEmpty)
        {
            return SourceRecord.Dropped(row, DropReason.MissingUrl);
        }

        var agent = hasUserAgent && !userAgent.SequenceEqual("-"u8) ? Encoding.UTF8.GetString(userAgent) : null;
        var clientId = Encoding.UTF8.GetString(host);
        if (_options.ClientIdIncludesUserAgent && agent is not null)
        {
            clientId += "|" + XxHash64.HashToUInt64(userAgent).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }

        return TextRecords.Build(
            row,
            clientId,
            Encoding.UTF8.GetString(time),
            Encoding.UTF8.GetString(path),
            "page_view",
            hasReferrer && !referrer.SequenceEqual("-"u8) ? Encoding.UTF8.GetString(referrer) : null,
            agent,
            context);
    }

    private static bool NextToken(ref ReadOnlySpan<byte> line, out ReadOnlySpan<byte> token)
    {
        line = line.TrimStart((byte)' ');
        if (line.IsEmpty)
        {
            token = default;
            return false;
        }

        var end = line.IndexOf((byte)' ');
        token = end < 0 ? line : line[..end];
        line = end < 0 ? default : line[end..];
        return true;
    }

    /// <summary>Reads a double-quoted field; Apache escapes quotes inside as \".</summary>
    private static bool NextQuoted(ref ReadOnlySpan<byte> line, out ReadOnlySpan<byte> value)
    {
        line = line.TrimStart((byte)' ');
        value = default;
        if (line.IsEmpty || line[0] != '"')
        {
            return false;
        }

        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
                continue;
            }

            if (line[i] == '"')
            {
                value = line[1..i];
                line = line[(i + 1)..];
                return true;
            }
        }

        return false;
    }
}
