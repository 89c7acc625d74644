using Clickcast.Events;

namespace Clickcast.Ingestion;

/// <summary>The checks an opaque token (<see cref="Sources.UrlFieldKind.Token"/>) passes instead of URL normalization.</summary>
internal static class OpaqueToken
{
    /// <summary>
    /// <see cref="DropReason.None"/> for a usable token; <see cref="DropReason.InvalidToken"/> when it holds a
    /// control character (it would break exports and logs) or an unpaired surrogate (it has no UTF-8 form).
    /// </summary>
    public static DropReason Check(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsControl(c))
            {
                return DropReason.InvalidToken;
            }

            if (char.IsHighSurrogate(c) && i + 1 < token.Length && char.IsLowSurrogate(token[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return DropReason.InvalidToken;
            }
        }

        return DropReason.None;
    }
}
