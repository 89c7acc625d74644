using System.Diagnostics.CodeAnalysis;

namespace Clickcast.Ingestion.Sources;

/// <summary>
/// Resolves <see cref="FieldMappingOptions"/> against the fields a source actually has: configured paths must
/// exist; missing ones are detected by well-known names that CDPs, trackers and exports use.
/// </summary>
internal static class FieldMapping
{
    // Candidates in order of preference; compared to a field's last path segment with case, '_' and '-' ignored.
    private static readonly string[] ClientIdNames =
        ["clientid", "cid", "profileid", "visitorid", "userid", "uid", "anonymousid", "customerid", "deviceid", "clientip", "ip", "remoteaddr"];

    private static readonly string[] TimestampNames =
        ["ts", "timestamp", "eventtime", "eventtimestamp", "time", "datetime", "occurredat", "createdat", "receivedat", "sentat", "date"];

    private static readonly string[] UrlNames =
        ["url", "pageurl", "pagelocation", "location", "href", "uri", "requesturl", "page"];

    private static readonly string[] EventTypeNames =
        ["eventtype", "eventname", "event", "type", "action"];

    private static readonly string[] ReferrerNames =
        ["referrer", "referer", "pagereferrer", "ref"];

    private static readonly string[] UserAgentNames =
        ["useragent", "ua", "agent", "browser"];

    /// <summary>
    /// Picks the path for each field. <paramref name="availablePaths"/> lists the dotted paths of the source's leaf
    /// fields (Avro and Parquet schemas, CSV headers, JSON keys).
    /// </summary>
    public static bool TryResolve(
        IReadOnlyCollection<string> availablePaths,
        FieldMappingOptions options,
        [NotNullWhen(true)] out ResolvedFieldMapping? mapping,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(availablePaths);
        ArgumentNullException.ThrowIfNull(options);
        options.FieldsSeen?.Invoke(availablePaths);
        mapping = null;
        var problems = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);

        // Required fields first, so an optional field never takes a path a required one needs.
        var clientId = Pick("client id", options.ClientId, ClientIdNames, required: true);
        var timestamp = Pick("timestamp", options.Timestamp, TimestampNames, required: true);
        var url = Pick("URL", options.Url, UrlNames, required: true);
        var eventType = Pick("event type", options.EventType, EventTypeNames, required: false);
        var referrer = Pick("referrer", options.Referrer, ReferrerNames, required: false);
        var userAgent = Pick("user agent", options.UserAgent, UserAgentNames, required: false);

        if (problems.Count > 0 || clientId is null || timestamp is null || url is null)
        {
            var fields = availablePaths.Count == 0 ? "(none)" : string.Join(", ", availablePaths.Take(40));
            error = string.Join("; ", problems) + $". Fields in this source: {fields}";
            return false;
        }

        error = null;
        mapping = new ResolvedFieldMapping(clientId, timestamp, url, eventType, referrer, userAgent);
        return true;

        string? Pick(string what, string? configured, string[] names, bool required)
        {
            if (!string.IsNullOrWhiteSpace(configured))
            {
                var exact = availablePaths.FirstOrDefault(p => string.Equals(p, configured, StringComparison.Ordinal))
                    ?? availablePaths.FirstOrDefault(p => string.Equals(p, configured, StringComparison.OrdinalIgnoreCase));
                if (exact is null)
                {
                    problems.Add($"the configured {what} field '{configured}' is not in the source");
                    return null;
                }

                taken.Add(exact);
                return exact;
            }

            foreach (var name in names)
            {
                // Shallowest match wins: 'url' beats 'context.referrer_page.url' when both exist.
                var match = availablePaths
                    .Where(p => !taken.Contains(p) && Simplify(LastSegment(p)) == name)
                    .OrderBy(p => p.Count(c => c == '.'))
                    .ThenBy(p => p, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (match is not null)
                {
                    taken.Add(match);
                    return match;
                }
            }

            if (required)
            {
                problems.Add($"no {what} field found (set it in the field mapping)");
            }

            return null;
        }
    }

    private static string LastSegment(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    private static string Simplify(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 128)];
        var length = 0;
        foreach (var c in name)
        {
            if (c is '_' or '-' or ' ')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                break;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }
}
