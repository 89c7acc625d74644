using Clickcast.Ingestion.Urls;
using Clickcast.Labels;

namespace Clickcast.Tenants;

/// <summary>
/// Refuses a target finer than the URL tokens it is matched against: with URLs cut to <c>example.com</c>, the target
/// <c>shop.example.com/checkout</c> can match nothing, and training would only ever report "not enough data".
/// </summary>
public static class TargetGranularity
{
    /// <summary>The problem, or null when the target can match tokens of this level (or cannot be judged: globs, regexes).</summary>
    public static string? Check(TargetDefinition target, UrlNormalizationOptions urls, TaskUrlOptions? taskUrls = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(urls);
        if (string.IsNullOrWhiteSpace(target.UrlPattern) || target.Match is not (UrlMatchKind.Exact or UrlMatchKind.Prefix))
        {
            return null;
        }

        var pattern = target.UrlPattern.Trim();
        var slash = pattern.IndexOf('/', StringComparison.Ordinal);
        var segments = slash < 0 ? 0 : pattern[slash..].Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        if (segments == 0)
        {
            return null;
        }

        var (level, kept, where) = taskUrls is { } own && Depth(own.Level, own.PathSegments) < Depth(urls.Level, urls.PathSegments)
            ? (own.Level, own.PathSegments, "the task's urls")
            : (urls.Level, urls.PathSegments, "the tenant's ingest.urls");
        var depth = Depth(level, kept);
        if (segments <= depth)
        {
            return null;
        }

        var cut = level == UrlLevel.Path ? $"level Path with pathSegments {kept}" : $"level {level}";
        return $"target '{pattern}' has {segments} path segment(s), but {where} cut URLs to {cut}, so no token can match it: "
            + $"set level Path with pathSegments ≥ {segments} (then re-ingest), or target a coarser URL";
    }

    private static int Depth(UrlLevel level, int segments) => level == UrlLevel.Path ? segments : 0;
}
