namespace Clickcast.Ingestion.Sources;

/// <summary>What the mapped URL field holds.</summary>
public enum UrlFieldKind
{
    /// <summary>Web page URLs: parsed, normalized, cut into tokens and filtered (technical domains, static assets).</summary>
    Url = 0,

    /// <summary>
    /// Opaque tokens (item or category ids, app screens, product codes): kept as they are, only trimmed, capped at
    /// <see cref="IngestLimits.MaxUrlLength"/> characters and checked to be valid text without control characters.
    /// </summary>
    Token,
}
