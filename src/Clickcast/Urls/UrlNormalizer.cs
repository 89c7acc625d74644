using System.Diagnostics.CodeAnalysis;
using Clickcast.Ingestion;

namespace Clickcast.Urls;

/// <summary>Turns raw URLs into tokens. STUB: the URL work replaces this file.</summary>
public sealed class UrlNormalizer
{
    private readonly UrlNormalizationOptions _options;

    public UrlNormalizer(UrlNormalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Normalizes <paramref name="rawUrl"/>; on failure says why in <paramref name="reason"/>.</summary>
    public bool TryNormalize(string rawUrl, [NotNullWhen(true)] out string? token, out DropReason reason)
    {
        ArgumentNullException.ThrowIfNull(rawUrl);
        if (!Uri.TryCreate(rawUrl, UriKind.Absolute, out var uri))
        {
            token = null;
            reason = DropReason.InvalidUrl;
            return false;
        }

        token = _options.Level == UrlLevel.Host ? uri.Host : uri.Host + uri.AbsolutePath;
        reason = DropReason.None;
        return true;
    }
}
