using System.Text;
using System.Text.Unicode;

namespace Clickcast.Ingestion.Sources.Text;

/// <summary>Strict UTF-8 decoding for source fields: invalid bytes are a row problem, not a replacement character.</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>; false when they are not valid UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        if (!Utf8.IsValid(bytes))
        {
            text = string.Empty;
            return false;
        }

        text = Strict.GetString(bytes);
        return true;
    }

    /// <summary>Strips a UTF-8 byte-order mark.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
}
