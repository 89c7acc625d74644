using System.ComponentModel.DataAnnotations;

namespace Clickcast.Urls;

/// <summary>How a tenant's URLs are cleaned and cut into tokens. STUB: the URL work replaces this file.</summary>
public sealed class UrlNormalizationOptions
{
    /// <summary>How much of the URL is kept.</summary>
    public UrlLevel Level { get; set; } = UrlLevel.Path;

    /// <summary>Path segments kept at <see cref="UrlLevel.Path"/>.</summary>
    [Range(0, 32)]
    public int PathSegments { get; set; } = 1;
}
