using System.Globalization;

namespace Clickcast.Ingestion.Urls;

/// <summary>Scheme, host and port.</summary>
public sealed partial class UrlNormalizer
{
    /// <summary>Writes host and non-default port; returns their length, or -1 when invalid.</summary>
    private static int WriteAuthority(ReadOnlySpan<char> authority, Span<char> destination, out int hostLength, out bool isIp)
    {
        isIp = false;
        var at = authority.LastIndexOf('@');
        authority = authority[(at + 1)..];

        var portStart = authority.StartsWith('[')
            ? authority.IndexOf(']') + 1
            : authority.IndexOf(':');
        if (portStart <= 0)
        {
            portStart = authority.Length;
        }

        var hostPart = authority[..portStart];
        var portPart = authority[portStart..];
        hostLength = HostName.Write(hostPart, destination, out isIp);
        if (hostLength < 0)
        {
            return -1;
        }

        if (portPart.IsEmpty || portPart is ":")
        {
            return hostLength;
        }

        var digits = portPart[1..];
        if (portPart[0] != ':' || digits.Length > 5 || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return -1;
        }

        var port = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (port > 65_535)
        {
            return -1;
        }

        // The scheme is not part of a token, so the default port of either web scheme is no information.
        if (port is 80 or 443)
        {
            return hostLength;
        }

        destination[hostLength] = ':';
        port.TryFormat(destination[(hostLength + 1)..], out var written, default, CultureInfo.InvariantCulture);
        return hostLength + 1 + written;
    }

    /// <summary>Length of the leading <c>www.</c>-like labels to drop; the rest must keep a dot.</summary>
    private int StrippedPrefixLength(ReadOnlySpan<char> host)
    {
        var stripped = 0;
        while (true)
        {
            var dot = host.IndexOf('.');
            if (dot <= 0 || !host[(dot + 1)..].Contains('.') || !_strippedSubdomains.Contains(host[..dot]))
            {
                return stripped;
            }

            stripped += dot + 1;
            host = host[(dot + 1)..];
        }
    }

    /// <summary>RFC 3986 scheme syntax: a letter, then letters, digits, <c>+</c>, <c>-</c> and <c>.</c>.</summary>
    private static bool IsSchemeName(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The configured host and port for host-less paths, in canonical form; null when not a host.</summary>
    private static string? ParseDefaultHost(string defaultHost, out int hostLength, out bool isIp)
    {
        // Accept "host", "host:port" or a whole URL, so configuration can say what people naturally write.
        var text = defaultHost.AsSpan().Trim();
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        text = separator < 0 ? text : text[(separator + 3)..];
        var end = text.IndexOfAny(AuthorityEnd);
        text = end < 0 ? text : text[..end];
        Span<char> buffer = stackalloc char[HostName.MaxLength + 16];
        var length = WriteAuthority(text, buffer, out hostLength, out isIp);
        return length < 0 ? null : new string(buffer[..length]);
    }
}
