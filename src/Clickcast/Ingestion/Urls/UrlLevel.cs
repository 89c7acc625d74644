namespace Clickcast.Ingestion.Urls;

/// <summary>How much of a URL becomes its token: the coarser, the smaller and denser the vocabulary.</summary>
public enum UrlLevel
{
    /// <summary>The registrable domain (public-suffix aware): <c>shop.example.co.uk/a/b</c> → <c>example.co.uk</c>.</summary>
    RegistrableDomain = 0,

    /// <summary>The host: <c>shop.example.co.uk</c>.</summary>
    Host,

    /// <summary>The host and the first <see cref="UrlNormalizationOptions.PathSegments"/> path segments: <c>shop.example.co.uk/a</c>.</summary>
    Path,
}
