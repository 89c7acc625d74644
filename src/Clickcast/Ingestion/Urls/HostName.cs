using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Clickcast.Ingestion.Urls;

/// <summary>
/// Host names in one canonical form: lower-case ASCII, internationalized labels as punycode (<c>пример.рф</c> →
/// <c>xn--e1afmkfd.xn--p1ai</c>), no trailing dot, IPv4 in dotted decimal and IPv6 in brackets, compressed.
/// Punycode rather than Unicode because browsers report hosts that way (<c>location.hostname</c>), so most input is
/// already canonical and never pays for IDN conversion, and because ASCII tokens are safe in every store and file
/// format; a dashboard can show Unicode with <see cref="IdnMapping.GetUnicode(string)"/>.
/// </summary>
internal static class HostName
{
    /// <summary>Longest host accepted, in characters (RFC 1035, without the trailing dot).</summary>
    public const int MaxLength = 253;

    private const int MaxLabelLength = 63;

    private static readonly SearchValues<char> CanonicalChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>
    /// Writes the canonical form of <paramref name="host"/> to <paramref name="destination"/> (at least
    /// <see cref="MaxLength"/> + 2 characters) and returns its length, or -1 when it is not a valid host.
    /// </summary>
    public static int Write(ReadOnlySpan<char> host, Span<char> destination, out bool isIpAddress)
    {
        isIpAddress = false;
        if (host.IsEmpty)
        {
            return -1;
        }

        if (host[0] == '[')
        {
            isIpAddress = true;
            return WriteIPv6(host, destination);
        }

        if (host.Contains('%'))
        {
            // Percent-encoded hosts are rare; decode them the slow way and validate what comes out.
            var decoded = PercentDecode(host);
            return decoded is null || decoded.Contains('%') ? -1 : Write(decoded, destination, out isIpAddress);
        }

        if (host[^1] == '.')
        {
            host = host[..^1];
        }

        if (host.Length > MaxLength)
        {
            return -1;
        }

        if (!Ascii.IsValid(host))
        {
            var ascii = ToAscii(host);
            if (ascii is null)
            {
                return -1;
            }

            host = ascii;
        }

        var length = WriteAsciiName(host, destination);
        if (length < 0)
        {
            return -1;
        }

        return IsNumericLabel(LastLabel(destination[..length]))
            ? WriteIPv4(destination[..length], destination, out isIpAddress)
            : length;
    }

    /// <summary>Normalizes a host given in configuration; false when it is not a valid host.</summary>
    public static bool TryNormalize(string host, [NotNullWhen(true)] out string? normalized)
    {
        ArgumentNullException.ThrowIfNull(host);
        Span<char> buffer = stackalloc char[MaxLength + 2];
        var length = Write(host, buffer, out _);
        normalized = length < 0 ? null : new string(buffer[..length]);
        return normalized is not null;
    }

    /// <summary>Copies an ASCII name in lower case, checking characters and label lengths.</summary>
    private static int WriteAsciiName(ReadOnlySpan<char> host, Span<char> destination)
    {
        if (host.Length > MaxLength)
        {
            return -1;
        }

        if (!host.ContainsAnyExcept(CanonicalChars))
        {
            // Most hosts arrive lower-case already: copy them in one go and only check the labels.
            host.CopyTo(destination);
            return HasValidLabels(host) ? host.Length : -1;
        }

        var labelStart = 0;
        for (var i = 0; i < host.Length; i++)
        {
            var c = host[i];
            if (c == '.')
            {
                if (i == labelStart || i - labelStart > MaxLabelLength)
                {
                    return -1;
                }

                labelStart = i + 1;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                c = (char)(c | 0x20);
            }
            else if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-' && c != '_')
            {
                // Underscores are not allowed by RFC 952 but occur in real subdomains, and browsers accept them.
                return -1;
            }

            destination[i] = c;
        }

        return host.Length == labelStart || host.Length - labelStart > MaxLabelLength ? -1 : host.Length;
    }

    private static bool HasValidLabels(ReadOnlySpan<char> host)
    {
        while (true)
        {
            var dot = host.IndexOf('.');
            var label = dot < 0 ? host.Length : dot;
            if (label == 0 || label > MaxLabelLength)
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            host = host[(dot + 1)..];
        }
    }

    private static string? ToAscii(ReadOnlySpan<char> host)
    {
        // Without ICU (invariant globalization) IdnMapping only encodes: it neither lower-cases nor maps the
        // ideographic full stops, so do both first to get a browser's answer for real-world hosts. The rest of
        // UTS #46 mapping (width folding, NFC) is not done; browsers send punycode, so such input is rare.
        var text = host.ToString().ToLowerInvariant()
            .Replace('\u3002', '.')
            .Replace('\uFF0E', '.')
            .Replace('\uFF61', '.');
        try
        {
            return new IdnMapping().GetAscii(text);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ReadOnlySpan<char> LastLabel(ReadOnlySpan<char> host) => host[(host.LastIndexOf('.') + 1)..];

    private static bool IsNumericLabel(ReadOnlySpan<char> label) =>
        !label.IsEmpty && !label.ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// A host whose last label is numeric must be a dotted-decimal IPv4 address (browsers read such hosts as
    /// addresses; the hex and single-number forms they also accept are too rare in page URLs to be worth keeping).
    /// </summary>
    private static int WriteIPv4(ReadOnlySpan<char> host, Span<char> destination, out bool isIpAddress)
    {
        isIpAddress = false;
        Span<byte> octets = stackalloc byte[4];
        var count = 0;
        foreach (var range in host.Split('.'))
        {
            var part = host[range];
            if (count == 4 || part.IsEmpty || part.Length > 3 || part.ContainsAnyExceptInRange('0', '9'))
            {
                return -1;
            }

            var value = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return -1;
            }

            octets[count++] = (byte)value;
        }

        if (count != 4)
        {
            return -1;
        }

        isIpAddress = true;
        return new IPAddress(octets).TryFormat(destination, out var written) ? written : -1;
    }

    private static int WriteIPv6(ReadOnlySpan<char> host, Span<char> destination)
    {
        if (host.Length < 3 || host[^1] != ']')
        {
            return -1;
        }

        var inner = host[1..^1];
        if (inner.Contains('%')
            || !IPAddress.TryParse(inner, out var address)
            || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return -1;
        }

        destination[0] = '[';
        if (!address.TryFormat(destination[1..], out var written))
        {
            return -1;
        }

        destination[written + 1] = ']';
        return written + 2;
    }

    private static string? PercentDecode(ReadOnlySpan<char> text)
    {
        var bytes = new byte[text.Length * 3];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length
                    || !byte.TryParse(text.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
                {
                    return null;
                }

                bytes[count++] = value;
                i += 2;
            }
            else
            {
                var run = text[i..];
                var end = run.IndexOf('%');
                run = end < 0 ? run : run[..end];
                count += Encoding.UTF8.GetBytes(run, bytes.AsSpan(count));
                i += run.Length - 1;
            }
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes, 0, count);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
