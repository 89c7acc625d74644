using System.Buffers;
using System.Text;

namespace Clickcast.Ingestion.Urls;

/// <summary>Path and query canonicalization.</summary>
public sealed partial class UrlNormalizer
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>What a printable ASCII character becomes in a path or query.</summary>
    private enum CharClass : byte
    {
        /// <summary>Spaces and control characters: a URL that has them raw is garbage.</summary>
        Invalid = 0,

        /// <summary>Unreserved and delimiters: written as they are.</summary>
        Keep,

        /// <summary>Characters browsers percent-encode (<c>" &lt; &gt; ` { } | ^ [ ] \</c>): written encoded, as browsers send them.</summary>
        Encode,

        /// <summary>The percent sign, which starts an escape.</summary>
        Percent,
    }

    private static readonly CharClass[] AsciiClasses = BuildAsciiClasses();

    private static readonly SearchValues<char> PlainChars = SearchValues.Create(
        [.. Enumerable.Range(0, 128).Where(static c => AsciiClasses[c] == CharClass.Keep).Select(static c => (char)c)]);

    /// <summary>
    /// Writes the path as <c>/seg/seg</c>: escapes canonical, <c>.</c> and <c>..</c> resolved, empty segments (and so
    /// the trailing slash) dropped, an empty path written as nothing. Returns the length, or -1 when invalid.
    /// </summary>
    private int WritePath(ReadOnlySpan<char> path, Span<char> destination)
    {
        var written = 0;
        while (!path.IsEmpty)
        {
            if (path[0] is '/' or '\\')
            {
                path = path[1..];
                continue;
            }

            var end = path.IndexOfAny('/', '\\');
            var segment = end < 0 ? path : path[..end];
            path = end < 0 ? default : path[end..];

            destination[written] = '/';
            var length = WriteComponent(segment, destination[(written + 1)..], _lowercasePath);
            if (length < 0)
            {
                return -1;
            }

            var value = destination.Slice(written + 1, length);
            if (value is "..")
            {
                written = Math.Max(destination[..written].LastIndexOf('/'), 0);
            }
            else if (!value.IsEmpty && value is not ".")
            {
                written += 1 + length;
            }
        }

        return written;
    }

    /// <summary>Length of the first <paramref name="segments"/> segments of a normalized path.</summary>
    private static int CutPath(ReadOnlySpan<char> path, int segments)
    {
        if (segments == 0)
        {
            return 0;
        }

        var seen = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '/' && ++seen > segments)
            {
                return i;
            }
        }

        return path.Length;
    }

    /// <summary>
    /// Writes <c>?</c> and the query's parameters, tracking ones removed, escapes canonical, sorted so that order does
    /// not split a page into several tokens. Writes nothing when no parameter is left; -1 when invalid.
    /// </summary>
    private int WriteQuery(ReadOnlySpan<char> query, Span<char> destination)
    {
        // Kept queries are an opt-in and rarer than paths: simple strings are fine here.
        List<string>? parameters = null;
        var scratch = destination[1..];
        foreach (var range in query.Split('&'))
        {
            var length = WriteComponent(query[range], scratch, lowercase: false);
            if (length < 0)
            {
                return -1;
            }

            var parameter = scratch[..length];
            var equals = parameter.IndexOf('=');
            var name = equals < 0 ? parameter : parameter[..equals];
            if (parameter.IsEmpty || _trackingParameters.Matches(name))
            {
                continue;
            }

            (parameters ??= []).Add(new string(parameter));
        }

        if (parameters is null)
        {
            return 0;
        }

        parameters.Sort(StringComparer.Ordinal);
        destination[0] = '?';
        var written = 1;
        foreach (var parameter in parameters)
        {
            if (written > 1)
            {
                destination[written++] = '&';
            }

            parameter.CopyTo(destination[written..]);
            written += parameter.Length;
        }

        return written;
    }

    /// <summary>
    /// Writes one path segment or query parameter with canonical escapes: escaped unreserved characters decoded,
    /// other escapes upper-case, a stray <c>%</c> as <c>%25</c>, characters browsers encode and non-ASCII characters
    /// (as UTF-8) encoded, so that a decoded URL and its encoded form give one token. Returns -1 for spaces, control
    /// characters and broken UTF-16.
    /// </summary>
    private static int WriteComponent(ReadOnlySpan<char> source, Span<char> destination, bool lowercase)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var written = 0;
        for (var i = 0; i < source.Length; i++)
        {
            // Copy the run of characters that stay as they are in one go: most segments are nothing else.
            var run = source[i..].IndexOfAnyExcept(PlainChars);
            run = run < 0 ? source.Length - i : run;
            if (run > 0)
            {
                var target = destination.Slice(written, run);
                if (lowercase)
                {
                    Ascii.ToLower(source.Slice(i, run), target, out _);
                }
                else
                {
                    source.Slice(i, run).CopyTo(target);
                }

                written += run;
                i += run;
                if (i == source.Length)
                {
                    break;
                }
            }

            var c = source[i];
            if (c >= 0x80)
            {
                if (Rune.DecodeFromUtf16(source[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                    || Rune.IsControl(rune))
                {
                    return -1;
                }

                var count = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..count])
                {
                    written = WriteEscape(b, destination, written);
                }

                i += consumed - 1;
                continue;
            }

            switch (AsciiClasses[c])
            {
                case CharClass.Keep:
                    destination[written++] = lowercase ? char.ToLowerInvariant(c) : c;
                    break;
                case CharClass.Encode:
                    written = WriteEscape((byte)c, destination, written);
                    break;
                case CharClass.Percent:
                    if (i + 2 < source.Length && IsHex(source[i + 1]) && IsHex(source[i + 2]))
                    {
                        var value = (HexValue(source[i + 1]) << 4) | HexValue(source[i + 2]);
                        if (IsUnreserved(value))
                        {
                            destination[written++] = lowercase ? char.ToLowerInvariant((char)value) : (char)value;
                        }
                        else
                        {
                            written = WriteEscape((byte)value, destination, written);
                        }

                        i += 2;
                    }
                    else
                    {
                        written = WriteEscape((byte)'%', destination, written);
                    }

                    break;
                default:
                    return -1;
            }
        }

        return written;
    }

    private static int WriteEscape(byte value, Span<char> destination, int written)
    {
        destination[written] = '%';
        destination[written + 1] = HexDigits[value >> 4];
        destination[written + 2] = HexDigits[value & 0xF];
        return written + 3;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool IsUnreserved(int c) =>
        c < 0x80 && (char.IsAsciiLetterOrDigit((char)c) || c is '-' or '.' or '_' or '~');

    private static CharClass[] BuildAsciiClasses()
    {
        var classes = new CharClass[128];
        for (var c = 0x21; c < 0x7F; c++)
        {
            classes[c] = CharClass.Keep;
        }

        foreach (var c in "\"<>`{}|^[]\\#")
        {
            classes[c] = CharClass.Encode;
        }

        classes['%'] = CharClass.Percent;
        return classes;
    }
}
