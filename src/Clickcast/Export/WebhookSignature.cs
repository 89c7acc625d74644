using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clickcast.Export;

/// <summary>
/// The webhook signature: <c>X-Clickcast-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}." + body)}</c>.
/// A receiver recomputes the HMAC over the raw body bytes, compares in constant time, and rejects a <c>t</c> more
/// than a few minutes from its clock, so a captured request cannot be replayed later.
/// </summary>
internal static class WebhookSignature
{
    public const string HeaderName = "X-Clickcast-Signature";

    public static string Create(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(seconds + "."));
        hmac.AppendData(body);
        return $"t={seconds},v1={Convert.ToHexStringLower(hmac.GetHashAndReset())}";
    }
}
